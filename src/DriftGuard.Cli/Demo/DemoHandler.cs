using System.Globalization;
using Amazon.EC2.Model;
using DriftGuard.Cli.Commands;
using DriftGuard.Cli.Handlers;
using DriftGuard.Core;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Reports;

namespace DriftGuard.Cli.Demo;

/// <summary>
/// <c>driftguard demo</c>: the problem statement's story, offline and in seconds. A sandbox starts in process, the
/// example stack is applied, a console user opens SSH to the world on the application's group, and
/// <c>check</c> finds it, with its findings and a timeline.
/// </summary>
internal sealed class DemoHandler(CliContext context)
{
    public sealed record DemoSettings(string ExampleState, int Port, IReadOnlyList<OutputTarget> Targets);

    public async Task<int> RunAsync(DemoSettings settings, CancellationToken ct)
    {
        // The story shares stdout with a text report; with a JSON or SARIF report on stdout it moves to stderr.
        var o = settings.Targets.Any(t => t.Path is null && t.Format != "text") ? context.Error : context.Out;
        var statePath = context.Resolve(settings.ExampleState);
        if (!File.Exists(statePath)) return GateCommand.Usage(context, $"{settings.ExampleState}: example state not found (run from the repository root or pass --state)");

        o.WriteLine("DriftGuard demo: the problem statement's console change, caught in seconds instead of hours.");
        DemoWorld world;
        try { world = await DemoWorld.StartAsync(statePath, settings.Port, ct); }
        catch (IOException ex) { return GateCommand.Usage(context, SandboxPort.CannotListen(settings.Port, ex)); }
        await using var running = world;
        o.WriteLine($"{Stamp()}  sandbox EC2 endpoint {world.Server.Endpoint} (in process)");
        o.WriteLine($"{Stamp()}  terraform-ci applied {settings.ExampleState}: {string.Join(", ", world.GroupIds.Select(kv => $"{kv.Key} = {kv.Value}"))}");

        // The out-of-band change: SSH from anywhere, made by a person in the console.
        var app = world.GroupIds.TryGetValue("aws_security_group.app", out var id) ? id : world.GroupIds.Values.First();
        // The console signs its calls like any client; its user agent is what tells CloudTrail readers it was the console.
        using (var console = new Amazon.EC2.AmazonEC2Client(new Amazon.Runtime.BasicAWSCredentials(DemoWorld.ConsoleKey, DemoWorld.Secret),
                   new Amazon.EC2.AmazonEC2Config { ServiceURL = world.Server.Endpoint.ToString(), AuthenticationRegion = "us-east-1", ClientAppId = "console.ec2.amazonaws.com" }))
        {
            await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = app,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0", Description = "debugging, remove later" }] }],
            }, ct);
        }
        var changedAt = context.Clock.GetUtcNow();
        o.WriteLine($"{Stamp()}  alice@example.com (console, AWSReservedSSO_AdministratorAccess) opened tcp/22 to 0.0.0.0/0 on {app}");

        var check = new CheckSettings
        {
            Iac = [world.StatePath],
            EndpointUrl = world.Server.Endpoint.ToString(),
            Regions = ["us-east-1"],
            Credentials = new Amazon.Runtime.BasicAWSCredentials(DemoWorld.DriftGuardKey, DemoWorld.Secret),
            Targets = settings.Targets,
            Ledger = Path.Combine(Path.GetDirectoryName(world.StatePath)!, "drift-ledger.jsonl"),
            CloudTrailEndpoint = world.Server.Endpoint.ToString(),
        };
        var outcome = await new CheckHandler(context).AnalyzeAsync(check, ct);
        var applied = Core.Declared.DeclaredLoader.DisplayPath(world.StatePath, context.CurrentDirectory);

        // The incident report nobody has to write: read back from the ledger the check just wrote.
        var read = await new Core.Ledger.FileLedgerStore(check.Ledger).ReadAsync(ct);
        var entries = read.Entries.Select(e => e.File == applied ? e with { File = settings.ExampleState } : e);
        var incidents = ReportHandler.Build(entries, read.Problems, new Core.Incidents.IncidentOptions { BaseDirectory = context.CurrentDirectory, Until = context.Clock.GetUtcNow() });
        var detectedAt = incidents.Incidents.Count > 0 ? incidents.Incidents.Min(i => i.DetectedAt) : context.Clock.GetUtcNow();
        var open = outcome.Drift?.Open.ToList() ?? [];
        o.WriteLine($"{Stamp()}  driftguard check: {open.Count} drift(s) detected, {(detectedAt - changedAt).TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s after the change; recorded in the drift ledger and attributed through CloudTrail");
        o.WriteLine();

        // Point locations at the example state the user knows, not at the applied copy in a temp folder.
        var report = outcome.Report with
        {
            Inputs = [settings.ExampleState],
            Drifts = [.. outcome.Report.Drifts.Select(d => d.File == applied ? d with { File = settings.ExampleState } : d)],
        };
        new ReportPublisher(context).Publish(report, settings.Targets);

        // Remediate: revert what is noncompliant (SSH to the world), verified by re-reading the group.
        o.WriteLine();
        var remediation = outcome.Drift is null ? null : await new RemediateHandler(context).RemediateAsync(outcome,
            new RemediateHandler.RemediateSettings(check) { Scope = Core.Remediation.RemediationScope.Noncompliant, Apply = true }, null, ct);
        var verifiedAt = context.Clock.GetUtcNow();
        if (remediation is not null) Core.Remediation.RemediationTextWriter.Write(remediation, o);
        var revert = remediation?.Run?.Actions.Where(a => a.Outcome == "applied").ToList() ?? [];
        var remediatedAt = revert.Count > 0 ? revert.Max(a => a.Time) : (DateTimeOffset?)null;

        o.WriteLine();
        o.WriteLine("Timeline");
        o.WriteLine($"  occurred   {changedAt:yyyy-MM-dd HH:mm:ss.fff} UTC  (alice@example.com, console)");
        o.WriteLine($"  detected   {detectedAt:yyyy-MM-dd HH:mm:ss.fff} UTC  (time to detect {(detectedAt - changedAt).TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s; the problem statement: 15 min scan + 1 h until a person reads it)");
        if (remediatedAt is { } fixedAt)
        {
            o.WriteLine($"  remediated {fixedAt:yyyy-MM-dd HH:mm:ss.fff} UTC  ({Seconds(fixedAt - changedAt)} s after the change; {revert.Count} rule change(s) by {remediation!.Run!.Principal})");
            if (remediation.Run.Verified)
                o.WriteLine($"  verified   {verifiedAt:yyyy-MM-dd HH:mm:ss.fff} UTC  (time to remediate {Seconds(verifiedAt - detectedAt)} s from detection, as the report counts it; exposure {Seconds(verifiedAt - changedAt)} s from the change; the problem statement: 3 h 15 min)");
            else
                o.WriteLine($"  NOT verified: {string.Join("; ", remediation.Run.Groups.SelectMany(g => g.Remaining))}");
        }
        var worst = open.OrderByDescending(d => d.Severity).FirstOrDefault();
        if (worst is not null)
            o.WriteLine($"  severity   {worst.Severity.ToString().ToLowerInvariant()}: {string.Join(", ", worst.Findings.Select(f => f.PolicyId).Distinct())}");
        // The incident report nobody has to write, read back from the ledger that check and remediate wrote.
        read = await new Core.Ledger.FileLedgerStore(check.Ledger).ReadAsync(ct);
        entries = read.Entries.Select(e => e.File == applied ? e with { File = settings.ExampleState } : e);
        incidents = ReportHandler.Build(entries, read.Problems, new Core.Incidents.IncidentOptions { BaseDirectory = context.CurrentDirectory, Until = context.Clock.GetUtcNow() });
        o.WriteLine();
        ReportHandler.Render(incidents, "markdown", o);
        if (remediation is not null && remediation.Run is not null) return remediation.ExitCode;
        return outcome.ExitCode == ExitCodes.Findings && open.Count > 0 ? ExitCodes.Ok : outcome.ExitCode;

        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
        string Stamp() => context.Clock.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
    }
}
