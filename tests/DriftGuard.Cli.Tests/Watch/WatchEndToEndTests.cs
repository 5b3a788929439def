using System.Text.Json;
using Amazon.EC2.Model;
using Amazon.Runtime;
using DriftGuard.Cli.Commands;
using DriftGuard.Cli.Demo;
using DriftGuard.Cli.Handlers;
using DriftGuard.Core.Watch;

namespace DriftGuard.Cli.Tests.Watch;

/// <summary>
/// Watch mode end to end, in process: the sandbox applies the example stack and plays CloudTrail + EventBridge into an
/// SQS queue; the watcher (real AWSSDK.SQS and AWSSDK.EC2 clients) reverts the console user's SSH rule.
/// </summary>
public sealed class WatchEndToEndTests : IAsyncLifetime
{
    private const string Queue = "driftguard-events";
    private DemoWorld _world = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-watch-test-").FullName;

    public async Task InitializeAsync()
    {
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None,
            o => o with { EventQueueName = Queue });
        _world.Server.EventQueue!.Purge(); // the events of applying the stack are not the story
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string AppGroup => _world.GroupIds["aws_security_group.app"];

    private WatchSettings Settings(WatchScope scope) => new()
    {
        Iac = [_world.StatePath],
        QueueUrl = _world.Server.EventQueue!.Url.ToString(),
        EndpointUrl = _world.Server.Endpoint.ToString(),
        Region = "us-east-1",
        Scope = scope,
        Credentials = new BasicAWSCredentials(DemoWorld.DriftGuardKey, DemoWorld.Secret),
        LogFile = Path.Combine(_dir, "watch.log"),
        IncidentsFile = Path.Combine(_dir, "incidents.jsonl"),
        MaxRuntime = TimeSpan.FromSeconds(60),
    };

    /// <summary>Starts the watcher and returns once its startup check is logged, with a way to wait for a decision.</summary>
    private async Task<(Task<int> Run, CancellationTokenSource Stop, Func<Func<WatchDecision, bool>, Task<WatchDecision>> WaitFor)> StartWatchAsync(WatchSettings settings)
    {
        var decisions = new List<WatchDecision>();
        var waiters = new List<(Func<WatchDecision, bool> Match, TaskCompletionSource<WatchDecision> Done)>();
        var gate = new Lock();
        void OnDecision(WatchDecision d)
        {
            lock (gate)
            {
                decisions.Add(d);
                foreach (var w in waiters.Where(w => w.Match(d))) w.Done.TrySetResult(d);
            }
        }
        Task<WatchDecision> WaitFor(Func<WatchDecision, bool> match)
        {
            lock (gate)
            {
                var tcs = new TaskCompletionSource<WatchDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (decisions.FirstOrDefault(match) is { } seen) tcs.SetResult(seen);
                else waiters.Add((match, tcs));
                return tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        var stop = new CancellationTokenSource();
        var context = new CliContext(new StringWriter(), new StringWriter()) { CurrentDirectory = Repo.Root, GetEnvironment = _ => null };
        var run = Task.Run(() => new WatchHandler(context).RunAsync(settings, stop.Token, listener: OnDecision));
        await WaitFor(d => d.Trigger == "startup" && d.Decision is "in-sync" or "drift" or "remediated" or "read-failed" or "error" or "stop");
        return (run, stop, WaitFor);
    }

    private async Task OpenSshToTheWorldAsync()
    {
        using var console = _world.Client(DemoWorld.ConsoleKey);
        await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = AppGroup,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
    }

    /// <summary>DriftGuard's own revoke comes back as an event too, and finds the group in sync.</summary>
    private static bool OwnRevokeSeen(WatchDecision d) => d.Decision == "in-sync" && d.EventName == "RevokeSecurityGroupIngress";

    private bool SshOpen() => _world.Server.State.RulesOf(AppGroup).Any(r => !r.IsEgress && r.FromPort == 22 && r.Source == "0.0.0.0/0");

    [Fact]
    public async Task Watch_WhenConsoleUserOpensSshAndScopeIsNoncompliant_ShouldRevokeItVerifyAndNameThePerson()
    {
        // Given a running watcher
        var (run, stop, waitFor) = await StartWatchAsync(Settings(WatchScope.Noncompliant));

        // When alice opens SSH to the world from the console
        await OpenSshToTheWorldAsync();
        var remediated = await waitFor(d => d.Decision == "remediated");
        await stop.CancelAsync();
        var exit = await run;

        // Then the rule is gone, verified, attributed to alice, and the revoke was DriftGuard's
        SshOpen().ShouldBeFalse();
        remediated.Verified.ShouldBe(true);
        remediated.Actor.ShouldBe("alice@example.com");
        remediated.Role.ShouldBe("AWSReservedSSO_AdministratorAccess_0a1b2c3d");
        remediated.EventName.ShouldBe("AuthorizeSecurityGroupIngress");
        remediated.Groups.ShouldBe([AppGroup]);
        remediated.Remediated!.ShouldHaveSingleItem().ShouldContain("tcp/22 0.0.0.0/0");
        remediated.ProcessingMs.ShouldNotBeNull();
        exit.ShouldBe(0);
        _world.Server.State.Calls.ShouldContain(c => c.Action == "RevokeSecurityGroupIngress" && c.PrincipalArn.EndsWith("assumed-role/DriftGuard/driftguard") && c.Succeeded);
    }

    [Fact]
    public async Task Watch_WhenRunning_ShouldWriteOneJsonLinePerDecisionWithCountersAndTheIncident()
    {
        // Given
        var settings = Settings(WatchScope.Noncompliant);
        var (run, stop, waitFor) = await StartWatchAsync(settings);

        // When
        await OpenSshToTheWorldAsync();
        await waitFor(d => d.Decision == "remediated");
        await waitFor(OwnRevokeSeen);
        await stop.CancelAsync();
        await run;

        // Then every log line is JSON with a decision and counters, and the incident names who, when and what
        var lines = (await File.ReadAllLinesAsync(settings.LogFile!)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Select(l => l.GetProperty("decision").GetString()).ShouldBe(["start", "in-sync", "remediated", "in-sync", "stop"], ignoreOrder: false,
            customMessage: "start, startup check, the console change, DriftGuard's own revoke event, stop");
        var last = lines[^1].GetProperty("counters");
        last.GetProperty("events").GetInt64().ShouldBe(2);
        last.GetProperty("remediations").GetInt64().ShouldBe(1);
        last.GetProperty("failures").GetInt64().ShouldBe(0);
        var incident = JsonDocument.Parse((await File.ReadAllLinesAsync(settings.IncidentsFile!)).ShouldHaveSingleItem()).RootElement;
        incident.GetProperty("actor").GetString().ShouldBe("alice@example.com");
        incident.GetProperty("eventName").GetString().ShouldBe("AuthorizeSecurityGroupIngress");
        incident.GetProperty("policies").EnumerateArray().Select(p => p.GetString()).ShouldContain("DG-SG-001");
        incident.GetProperty("verifiedAt").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task Watch_WithALedger_ShouldLetTheIncidentReportNameWhoWhenAndWhoRemediated()
    {
        // Given a watcher that appends its incidents to a drift ledger
        var ledger = Path.Combine(_dir, "ledger.jsonl");
        var (run, stop, waitFor) = await StartWatchAsync(Settings(WatchScope.Noncompliant) with { Ledger = ledger });

        // When alice opens SSH to the world, watch reverts it, and the incident report is built from the ledger
        await OpenSshToTheWorldAsync();
        await waitFor(d => d.Decision == "remediated");
        await stop.CancelAsync();
        (await run).ShouldBe(0);
        var report = CliRunner.Run("report", "--ledger", ledger, "--format", "json");

        // Then the report tells the whole incident: who, which control, remediated and verified by watch, with timings
        report.ExitCode.ShouldBe(0, report.Error);
        File.Exists(ledger).ShouldBeTrue();
        var incidents = JsonDocument.Parse(report.Out).RootElement.GetProperty("incidents").EnumerateArray().ToList();
        incidents.Count.ShouldBe(1, File.ReadAllText(ledger) + report.Error);
        var incident = incidents[0];
        incident.GetProperty("responsible").GetProperty("actor").GetString().ShouldBe("alice@example.com");
        incident.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("policyId").GetString()).ShouldContain("DG-SG-001");
        var remediatedBy = incident.GetProperty("remediatedBy").GetString().ShouldNotBeNull();
        remediatedBy.ShouldStartWith("arn:aws:sts::");
        remediatedBy.ShouldContain("assumed-role/DriftGuard/driftguard");
        incident.GetProperty("timeToRemediateSeconds").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        incident.GetProperty("verifiedAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(incident.GetProperty("detectedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Watch_WhenScopeIsNone_ShouldRecordTheDriftAndLeaveTheRule()
    {
        // Given
        var (run, stop, waitFor) = await StartWatchAsync(Settings(WatchScope.None));

        // When
        await OpenSshToTheWorldAsync();
        var drift = await waitFor(d => d.Decision == "drift");
        await stop.CancelAsync();
        await run;

        // Then
        SshOpen().ShouldBeTrue();
        drift.Actor.ShouldBe("alice@example.com");
        drift.Drifts!.ShouldHaveSingleItem().ShouldContain("DG-SG-001");
    }

    [Fact]
    public async Task Watch_WhenAMalformedMessageArrivesFirst_ShouldLogItDeleteItAndStillRevertTheChange()
    {
        // Given a watcher and a bad message in the queue
        var (run, stop, waitFor) = await StartWatchAsync(Settings(WatchScope.Noncompliant));
        _world.Server.EventQueue!.Send("this is not an event {");

        // When
        var malformed = await waitFor(d => d.Decision == "malformed");
        await OpenSshToTheWorldAsync();
        await waitFor(d => d.Decision == "remediated");
        await waitFor(OwnRevokeSeen);
        for (var i = 0; i < 300 && _world.Server.EventQueue.Count > 0; i++) await Task.Delay(10); // the delete follows the decision line
        await stop.CancelAsync();
        await run;

        // Then
        malformed.Detail!.ShouldContain("not valid JSON");
        SshOpen().ShouldBeFalse();
        _world.Server.EventQueue.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Watch_WhenTheSameEventIsDeliveredTwice_ShouldRevertOnceAndLogTheDuplicate()
    {
        // Given a watcher on its own queue, and the console change's event taken from the sandbox's queue
        var settings = Settings(WatchScope.Noncompliant) with { QueueUrl = _world.Server.Queues.GetOrCreate("watch").Url.ToString() };
        var (run, stop, waitFor) = await StartWatchAsync(settings);
        await OpenSshToTheWorldAsync();
        var body = _world.Server.EventQueue!.Receive(10, TimeSpan.FromMinutes(5)).ShouldHaveSingleItem().Body;

        // When EventBridge delivers it twice
        var watch = _world.Server.Queues.ByName("watch")!;
        watch.Send(body);
        await waitFor(d => d.Decision == "remediated");
        watch.Send(body);
        var duplicate = await waitFor(d => d.Decision == "duplicate");
        await stop.CancelAsync();
        await run;

        // Then
        SshOpen().ShouldBeFalse();
        duplicate.EventName.ShouldBe("AuthorizeSecurityGroupIngress");
        _world.Server.State.Calls.Count(c => c.Action == "RevokeSecurityGroupIngress" && c.PrincipalArn.Contains("DriftGuard")).ShouldBe(1);
    }
}
