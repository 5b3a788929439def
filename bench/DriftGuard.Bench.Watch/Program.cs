// Watch-mode latency benchmark: change -> verified revert, end to end, against the in-process sandbox.
//   dotnet run -c Release --project bench/DriftGuard.Bench.Watch -- [--trials 50] [--interval 2s] [--mode event|poll|both]
// Event mode: the sandbox delivers the CloudTrail event to SQS with delay 0; the watcher long-polls with AWSSDK.SQS.
// Poll mode: no events; a full check every --interval. Each trial: a console user opens tcp/22 to 0.0.0.0/0 on the
// declared group, the clock runs until the watcher logs a verified revert.
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using DriftGuard.Aws.Watch;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using DriftGuard.Core.Watch;
using DriftGuard.Sandbox;
using SecurityGroup = DriftGuard.Core.Model.SecurityGroup;

var trials = 50;
var interval = TimeSpan.FromSeconds(2);
var mode = "both";
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--trials") trials = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    if (args[i] == "--interval" && !DurationText.TryParse(args[i + 1], out interval, out var err)) { Console.Error.WriteLine(err); return 2; }
    if (args[i] == "--mode") mode = args[i + 1];
}

Console.WriteLine($"DriftGuard watch benchmark: {trials} trials per mode, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
if (mode is "event" or "both") Report("event (delivery delay 0)", await RunAsync(events: true));
if (mode is "poll" or "both") Report($"poll (--interval {DurationText.Format(interval)})", await RunAsync(events: false));
return 0;

async Task<List<Trial>> RunAsync(bool events)
{
    const string consoleKey = "AKIABENCHCONSOLE0001";
    const string guardKey = "AKIABENCHDRIFTGUARD1";
    await using var server = await SandboxServer.StartAsync(new SandboxOptions
    {
        EventQueueName = events ? "driftguard-events" : null,
        EventDeliveryDelay = TimeSpan.Zero,
        Principals = new Dictionary<string, string>
        {
            [consoleKey] = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0a1b2c3d/alice@example.com",
            [guardKey] = "arn:aws:sts::123456789012:assumed-role/DriftGuard/driftguard",
        },
    }, CancellationToken.None);
    AmazonEC2Client Client(string key) => new(new BasicAWSCredentials(key, "bench"), new AmazonEC2Config { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });

    // "terraform apply": one group, https from 10/8, no default egress.
    using var console = Client(consoleKey);
    var groupId = (await console.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "app", Description = "app", VpcId = server.State.DefaultVpcId })).GroupId;
    await console.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = [new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }] });
    await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }] }] });
    server.EventQueue?.Purge();
    var declared = new SecurityGroup("aws_security_group.app")
    {
        GroupId = groupId, Name = "app", VpcId = server.State.DefaultVpcId, Style = RuleStyle.Inline,
        Origin = new SourceLocation("main.tf", 1, "aws_security_group.app"),
        Rules = [new SgRule("aws_security_group.app", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.0.0.0/8"))],
    };

    var aws = new WatchAwsOptions { Region = "us-east-1", EndpointUrl = server.Endpoint.ToString(), Credentials = new BasicAWSCredentials(guardKey, "bench") };
    using var reader = new Ec2GroupReader(aws);
    using var actions = new Ec2WatchActions(aws, incidents: null);
    using var source = events ? SqsEventSource.Create(server.EventQueue!.Url.ToString(), aws) : null;
    var decisions = Channel.CreateUnbounded<WatchDecision>();
    var log = new WatchLog(TextWriter.Null);
    log.Subscribe(d => decisions.Writer.TryWrite(d));
    var loop = new WatchLoop(new WatchOptions { Scope = WatchScope.Noncompliant, PollInterval = events ? TimeSpan.FromMinutes(5) : interval },
        new FixedDeclared(declared), reader, actions, source, log);
    using var stop = new CancellationTokenSource();
    var run = Task.Run(() => loop.RunAsync(stop.Token));
    WatchDecision first;
    do first = await decisions.Reader.ReadAsync(); while (first.Trigger != "startup" || first.Decision == "start");

    var results = new List<Trial>();
    // Trial 0 warms the JIT and the HTTP connections and is not counted (the demo shows a cold first revert).
    for (var t = 0; t <= trials; t++)
    {
        var clock = Stopwatch.StartNew();
        await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
        var changedAt = server.State.Calls[^1].TimeUtc;
        WatchDecision d;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            do d = await decisions.Reader.ReadAsync(timeout.Token); while (d.Decision is not ("remediated" or "remediation-failed" or "unverified"));
        var total = clock.Elapsed;
        var revoke = server.State.Calls.Last(c => c.Action == "RevokeSecurityGroupIngress");
        if (t > 0) results.Add(new Trial(total.TotalMilliseconds, d.ProcessingMs ?? double.NaN, (revoke.TimeUtc - changedAt).TotalMilliseconds, d.Decision == "remediated" && d.Verified == true));
        // Let the watcher's own revoke event (event mode) pass before the next change, as separate changes would in life.
        if (events) while ((await decisions.Reader.ReadAsync()).EventName != "RevokeSecurityGroupIngress") { }
        await Task.Delay(100);
    }
    await stop.CancelAsync();
    await run;
    return results;
}

static void Report(string name, List<Trial> trials)
{
    static double P(IEnumerable<double> xs, double p)
    {
        var s = xs.Order().ToArray();
        return s[Math.Clamp((int)Math.Ceiling(p * s.Length) - 1, 0, s.Length - 1)];
    }
    string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
    var total = trials.Select(t => t.TotalMs).ToList();
    var own = trials.Select(t => t.ProcessingMs).ToList();
    Console.WriteLine();
    Console.WriteLine($"{name}: {trials.Count} trials, {trials.Count(t => t.Verified)} verified reverts");
    Console.WriteLine($"  change -> verified revert   p50 {F(P(total, .5))} ms   p95 {F(P(total, .95))} ms   max {F(total.Max())} ms");
    Console.WriteLine($"  received -> revoke sent     p50 {F(P(own, .5))} ms   p95 {F(P(own, .95))} ms   max {F(own.Max())} ms  (DriftGuard's own processing)");
    Console.WriteLine($"  change -> revoke (sandbox)  p50 {F(P(trials.Select(t => t.ChangeToRevokeMs), .5))} ms   p95 {F(P(trials.Select(t => t.ChangeToRevokeMs), .95))} ms");
}

internal sealed record Trial(double TotalMs, double ProcessingMs, double ChangeToRevokeMs, bool Verified);

internal sealed class FixedDeclared(SecurityGroup group) : IDeclaredSource
{
    private bool _loaded;

    public DeclaredLoad Load(bool force)
    {
        if (_loaded && !force) return new DeclaredLoad(null, []);
        _loaded = true;
        var engine = new PolicyEngine(PolicyConfig.Default, DateOnly.FromDateTime(DateTime.UtcNow));
        return new DeclaredLoad(new DeclaredSnapshot([group], new DriftOptions { EvaluateRule = engine.EvaluateRule, Region = "us-east-1" }, ["main.tf"]), []);
    }
}
