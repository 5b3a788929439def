using DriftGuard.Core.Ledger;
using DriftGuard.Core.Tests.Drift;
using DriftGuard.Core.Watch;

namespace DriftGuard.Core.Tests.Watch;

/// <summary>Watch's --max-changes rail, and its incidents in the drift ledger.</summary>
public sealed class WatchSafetyAndLedgerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-watch-ledger-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_WhenOneDecisionWouldRevertMoreThanMaxChanges_ShouldRevertNothingAndSurfaceIt()
    {
        // Given two world-open rules appearing at once and a limit of one change
        var world = new WatchFakes();
        world.Enqueue(WatchFakes.EventBody(), change: () =>
        {
            world.OpenSsh();
            world.Live[WatchFakes.Group].Add(Declare.Tcp(WatchFakes.Group, 3389, "0.0.0.0/0") with { RuleId = "sgr-rdp" });
        });
        // When
        var exit = await world.Loop(WatchScope.Noncompliant, maxChanges: 1).RunAsync(CancellationToken.None);
        // Then nothing was reverted, the decision says why, and the run does not end clean
        world.RemediationCalls.ShouldBeEmpty();
        world.Live[WatchFakes.Group].ShouldContain(r => r.RuleId == "sgr-ssh");
        var refused = world.Decisions.Single(d => d.Trigger == "event");
        refused.Decision.ShouldBe("refused");
        refused.Detail.ShouldNotBeNull().ShouldContain("exceed --max-changes 1");
        exit.ShouldBe(ExitCodes.Incomplete);
        world.Released.ShouldHaveSingleItem().Id.ShouldBe("m-1");
    }

    [Fact]
    public async Task RunAsync_WhenNoDeclaredGroupIsFoundLive_ShouldRevertNothingAndSayWhy()
    {
        // Given a watcher pointed at an account where none of the declared groups exists (wrong account or region)
        var world = new WatchFakes();
        world.Live.Clear();
        world.Live["sg-other"] = [Declare.Tcp("sg-other", 22, "0.0.0.0/0") with { RuleId = "sgr-other" }];
        // When a poll runs
        var exit = await world.Loop(WatchScope.All, events: false).RunAsync(CancellationToken.None);
        // Then nothing is reverted, the log says why, and the run does not end clean
        world.RemediationCalls.ShouldBeEmpty();
        world.Decisions.ShouldNotContain(d => d.Decision == "remediated" || d.Decision == "drift");
        var decision = world.Decisions.Single(d => d.Decision == "error");
        decision.Detail.ShouldNotBeNull().ShouldContain("none of the 1 declared security group(s) was found live");
        exit.ShouldBe(ExitCodes.Incomplete);
    }

    [Fact]
    public async Task RunAsync_WhenTheDeclaredStateDeclaresTheGroupButNoRules_ShouldRevertNothingLikeRemediate()
    {
        // Given the state file replaced by a valid state that still declares the group but none of its rules
        var world = new WatchFakes
        {
            Declared = [Declare.Tf("aws_security_group.app", WatchFakes.Group, "app", "vpc-1")],
        };
        // When a poll runs with --remediate all
        var exit = await world.Loop(WatchScope.All, events: false).RunAsync(CancellationToken.None);
        // Then the live https rule is kept, the log gives remediate's reason, and a failure is counted
        world.RemediationCalls.ShouldBeEmpty();
        world.Live[WatchFakes.Group].ShouldContain(r => r.RuleId == "sgr-https");
        var refused = world.Decisions.Single(d => d.Decision == "refused");
        refused.Detail.ShouldNotBeNull().ShouldContain("is empty while 1 live group(s) exist: never acting on it");
        refused.Counters!.Failures.ShouldBe(1);
        exit.ShouldBe(ExitCodes.Incomplete);
    }

    [Fact]
    public async Task RunAsync_WhenTheInputsDeclareNoGroupAtAll_ShouldLogAnErrorNamingThemAndCountAFailure()
    {
        // Given a state with "resources": [] while sg-1 lives on (SSH open)
        var world = new WatchFakes { Declared = [] };
        world.OpenSsh();
        // When a poll runs (watch --once)
        var exit = await world.Loop(WatchScope.All, events: false).RunAsync(CancellationToken.None);
        // Then it is not "in-sync": an error names the inputs, nothing is reverted, a failure is counted
        world.Decisions.ShouldNotContain(d => d.Decision == "in-sync");
        world.RemediationCalls.ShouldBeEmpty();
        var error = world.Decisions.Single(d => d.Decision == "error");
        error.Detail.ShouldNotBeNull().ShouldStartWith("main.tf: the declared inputs hold no security group");
        error.Counters!.Failures.ShouldBe(1);
        exit.ShouldBe(ExitCodes.Incomplete);
    }

    [Fact]
    public async Task RunAsync_WhenTheLedgerCannotBeWritten_ShouldStillRevertButEndIncomplete()
    {
        // Given a ledger whose parent folder is a file
        var world = new WatchFakes();
        var blocker = Path.Combine(_dir, "not-a-dir");
        File.WriteAllText(blocker, "x");
        var ledger = new DriftLedger(new FileLedgerStore(Path.Combine(blocker, "ledger.jsonl")));
        world.Enqueue(WatchFakes.EventBody(), change: world.OpenSsh);
        // When
        var exit = await world.Loop(WatchScope.Noncompliant, actions: new LedgerWatchActions(world, ledger, "driftguard watch")).RunAsync(CancellationToken.None);
        // Then the SSH rule is reverted, the log says the incident was not recorded, and the stop is not clean
        world.Live[WatchFakes.Group].ShouldNotContain(r => r.RuleId == "sgr-ssh");
        world.Decisions.ShouldContain(d => d.Decision == "error" && d.Detail!.Contains("incident not recorded"));
        exit.ShouldBe(ExitCodes.Incomplete);
    }

    [Fact]
    public async Task RunAsync_WithALedger_ShouldRecordDetectionWhoRemediationAndVerificationOfTheIncident()
    {
        // Given a watcher whose incidents also go to a ledger file
        var world = new WatchFakes();
        var ledger = new DriftLedger(new FileLedgerStore(Path.Combine(_dir, "ledger.jsonl")));
        world.Enqueue(WatchFakes.EventBody(), change: world.OpenSsh);
        // When
        await world.Loop(WatchScope.Noncompliant, actions: new LedgerWatchActions(world, ledger, "driftguard watch")).RunAsync(CancellationToken.None);
        // Then the ledger tells the incident: who (from the event), when, remediated and verified by watch
        var (histories, problems) = await ledger.HistoriesAsync(CancellationToken.None);
        problems.ShouldBeEmpty();
        var ssh = histories.ShouldHaveSingleItem();
        ssh.Attribution.ShouldNotBeNull().Actor.ShouldBe("alice");
        ssh.Attribution.EventName.ShouldBe("AuthorizeSecurityGroupIngress");
        ssh.Attribution.OccurredAt.ShouldBe(DateTimeOffset.Parse("2026-03-02T10:15:29Z"));
        ssh.RemediatedBy.ShouldBe("driftguard watch");
        ssh.RemediatedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(ssh.FirstSeen);
        ssh.VerifiedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(ssh.RemediatedAt.Value);
        ssh.Open.ShouldBeFalse();
        world.Incidents.ShouldHaveSingleItem("the wrapped actions still record their own incident");
    }
}
