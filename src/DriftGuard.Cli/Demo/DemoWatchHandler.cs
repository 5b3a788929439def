using System.Diagnostics;
using System.Globalization;
using Amazon.EC2.Model;
using Amazon.Runtime;
using DriftGuard.Cli.Commands;
using DriftGuard.Cli.Handlers;
using DriftGuard.Core;
using DriftGuard.Core.Watch;

namespace DriftGuard.Cli.Demo;

/// <summary>
/// <c>driftguard demo --watch</c>: the story live. The sandbox plays CloudTrail + EventBridge into an SQS queue,
/// <c>driftguard watch --remediate noncompliant</c> runs against it, a console user opens SSH to the world, and the
/// watcher reverts it; the timeline (from the sandbox's call log and the watcher's decisions) is printed.
/// </summary>
internal sealed class DemoWatchHandler(CliContext context)
{
    private const string QueueName = "driftguard-events";

    public async Task<int> RunAsync(string exampleState, int port, CancellationToken ct)
    {
        var o = context.Out;
        var statePath = context.Resolve(exampleState);
        if (!File.Exists(statePath)) return GateCommand.Usage(context, $"{exampleState}: example state not found (run from the repository root or pass --state)");

        o.WriteLine("DriftGuard demo --watch: the console change reverted in seconds, not 3 h 15 min.");
        DemoWorld world;
        try { world = await DemoWorld.StartAsync(statePath, port, ct, opts => opts with { EventQueueName = QueueName }); }
        catch (IOException ex) { return GateCommand.Usage(context, SandboxPort.CannotListen(port, ex)); }
        await using var running = world;
        world.Server.EventQueue!.Purge(); // applying the stack is not the story
        o.WriteLine($"{Stamp()}  sandbox EC2 + SQS endpoint {world.Server.Endpoint} (CloudTrail events delivered to queue {QueueName})");

        var logPath = Path.Combine(Path.GetDirectoryName(world.StatePath)!, "watch.log");
        var decisions = new List<WatchDecision>();
        var remediated = new TaskCompletionSource<WatchDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDecision(WatchDecision d)
        {
            lock (decisions) decisions.Add(d);
            if (d.Trigger == "startup" && d.Decision != "start") started.TrySetResult();
            if (d.Trigger == "event" && d.Decision is "remediated" or "remediation-failed" or "unverified") remediated.TrySetResult(d);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var settings = new WatchSettings
        {
            Iac = [world.StatePath],
            QueueUrl = world.Server.EventQueue.Url.ToString(),
            EndpointUrl = world.Server.Endpoint.ToString(),
            Region = "us-east-1",
            Scope = WatchScope.Noncompliant,
            Credentials = new BasicAWSCredentials(DemoWorld.DriftGuardKey, DemoWorld.Secret),
            LogFile = logPath,
            MaxRuntime = TimeSpan.FromMinutes(2),
        };
        var quiet = context with { Error = TextWriter.Null };
        var watch = Task.Run(() => new WatchHandler(quiet).RunAsync(settings, stop.Token, listener: OnDecision), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        o.WriteLine($"{Stamp()}  driftguard watch --queue-url {settings.QueueUrl} --remediate noncompliant: startup check in sync, long-polling");

        var app = world.GroupIds.TryGetValue("aws_security_group.app", out var id) ? id : world.GroupIds.Values.First();
        var clock = Stopwatch.StartNew();
        using (var console = world.Client(DemoWorld.ConsoleKey))
        {
            await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = app,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0", Description = "debugging, remove later" }] }],
            }, ct);
        }
        o.WriteLine($"{Stamp()}  alice@example.com (console, AWSReservedSSO_AdministratorAccess) opened tcp/22 to 0.0.0.0/0 on {app}");

        WatchDecision outcome;
        try
        {
            outcome = await remediated.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch (TimeoutException)
        {
            await stop.CancelAsync();
            await watch;
            context.Error.WriteLine("error: the watcher did not revert the change within 30 s; decision log: " + logPath);
            return ExitCodes.Findings;
        }
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await watch;

        var calls = world.Server.State.Calls;
        var change = calls.Last(c => c.Action == "AuthorizeSecurityGroupIngress" && c.PrincipalArn == DemoWorld.ConsolePrincipal);
        var revoke = calls.FirstOrDefault(c => c.Action == "RevokeSecurityGroupIngress" && c.PrincipalArn.Contains("assumed-role/DriftGuard/", StringComparison.Ordinal) && c.TimeUtc >= change.TimeUtc);
        var verifiedAt = DateTimeOffset.Parse(outcome.Time, CultureInfo.InvariantCulture);
        o.WriteLine($"{Stamp()}  driftguard watch: {outcome.Decision} ({string.Join("; ", outcome.Remediated ?? [])}), verified = {outcome.Verified}");
        o.WriteLine();
        o.WriteLine("Timeline");
        o.WriteLine($"  changed    {change.TimeUtc:HH:mm:ss.fff} UTC  {outcome.Actor} via {outcome.Role ?? "?"} from {outcome.SourceIp ?? "?"} ({outcome.EventName})");
        if (revoke is not null)
            o.WriteLine($"  reverted   {revoke.TimeUtc:HH:mm:ss.fff} UTC  RevokeSecurityGroupIngress by {revoke.PrincipalArn}  (+{Ms(revoke.TimeUtc - change.TimeUtc)} ms; DriftGuard's own processing {outcome.ProcessingMs?.ToString("F1", CultureInfo.InvariantCulture)} ms)");
        o.WriteLine($"  verified   {verifiedAt:HH:mm:ss.fff} UTC  re-read shows the group back to its declared rules  (+{Ms(verifiedAt - change.TimeUtc)} ms)");
        o.WriteLine($"  recorded   incident: who {outcome.Actor}, what {string.Join("; ", outcome.Drifts ?? [])}");
        o.WriteLine();
        o.WriteLine($"Exposure: {elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s from the change to a verified revert. The problem statement: 3 h 15 min, and six person-hours.");
        o.WriteLine($"Decision log (JSON lines): {logPath} (deleted with the demo's temp folder)");
        foreach (var line in File.ReadLines(logPath)) o.WriteLine($"  {line}");
        return outcome.Decision == "remediated" ? ExitCodes.Ok : ExitCodes.Findings;

        string Stamp() => context.Clock.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        static string Ms(TimeSpan t) => Math.Max(0, t.TotalMilliseconds).ToString("F0", CultureInfo.InvariantCulture);
    }
}
