using DriftGuard.Core.Tests.Drift;
using DriftGuard.Core.Watch;

namespace DriftGuard.Core.Tests.Watch;

public sealed class WatchLoopTests
{
    [Fact]
    public async Task RunAsync_WhenEventShowsSshToTheWorld_ShouldRevokeItDeleteTheMessageAndRecordWho()
    {
        // Given
        var world = new WatchFakes();
        world.Enqueue(WatchFakes.EventBody(), change: world.OpenSsh);
        // When
        var exit = await world.Loop(WatchScope.Noncompliant).RunAsync(CancellationToken.None);
        // Then
        exit.ShouldBe(ExitCodes.Ok);
        world.Live[WatchFakes.Group].ShouldNotContain(r => r.RuleId == "sgr-ssh");
        world.Deleted.ShouldBe(["m-1"]);
        world.Incidents.ShouldHaveSingleItem().Actor.Person.ShouldBe("alice");
        world.Decisions.Single(d => d.Trigger == "event").Decision.ShouldBe("remediated");
    }

    [Fact]
    public async Task RunAsync_WhenRemediationFailsTwiceThenWorks_ShouldRetryWithBackoffAndSucceed()
    {
        // Given
        var world = new WatchFakes { FailRemediations = 2 };
        world.Enqueue(WatchFakes.EventBody(), change: world.OpenSsh);
        // When
        await world.Loop(WatchScope.Noncompliant).RunAsync(CancellationToken.None);
        // Then
        world.RemediationCalls.Count.ShouldBe(3);
        world.Decisions.Where(d => d.Decision == "retry").Select(d => d.Attempt).ShouldBe([1, 2]);
        world.Decisions.Last(d => d.Trigger == "event").Decision.ShouldBe("remediated");
        world.Deleted.ShouldBe(["m-1"]);
    }

    [Fact]
    public async Task RunAsync_WhenRemediationKeepsFailing_ShouldSurfaceItReleaseTheMessageAndExitIncomplete()
    {
        // Given
        var world = new WatchFakes { FailRemediations = 100 };
        world.Enqueue(WatchFakes.EventBody(), change: world.OpenSsh);
        // When
        var exit = await world.Loop(WatchScope.Noncompliant).RunAsync(CancellationToken.None);
        // Then: never dropped — released for redelivery, logged, counted, and the exit code says so
        exit.ShouldBe(ExitCodes.Incomplete);
        world.Deleted.ShouldBeEmpty();
        world.Released.ShouldHaveSingleItem().Id.ShouldBe("m-1");
        var failed = world.Decisions.Single(d => d.Decision == "remediation-failed");
        failed.Failed!.ShouldHaveSingleItem().ShouldContain("RequestLimitExceeded");
        failed.Counters!.Failures.ShouldBeGreaterThan(0);
        world.Incidents.ShouldHaveSingleItem().Failed.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RunAsync_WhenTheLiveReadFails_ShouldDecideNothingAndReleaseTheMessage()
    {
        // Given
        var world = new WatchFakes();
        world.Enqueue(WatchFakes.EventBody());
        var loop = world.Loop(WatchScope.Noncompliant);
        world.FailReads = true;
        // When
        var exit = await loop.RunAsync(CancellationToken.None);
        // Then
        exit.ShouldBe(ExitCodes.Incomplete);
        world.Decisions.Where(d => d.Decision == "read-failed").Select(d => d.Trigger).ShouldBe(["startup", "event"]);
        world.RemediationCalls.ShouldBeEmpty();
        world.Released.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RunAsync_WhenTheSameEventComesTwice_ShouldRemediateOnceAndLogADuplicate()
    {
        // Given
        var world = new WatchFakes();
        world.Enqueue(WatchFakes.EventBody(), "m-1", world.OpenSsh);
        world.Enqueue(WatchFakes.EventBody(), "m-2");
        // When
        await RunUntil(world.Loop(WatchScope.Noncompliant, once: false), world, () => world.Deleted.Count == 2);
        // Then
        world.RemediationCalls.ShouldHaveSingleItem();
        world.Decisions.ShouldContain(d => d.Decision == "duplicate" && d.MessageId == "m-2");
        world.Deleted.ShouldBe(["m-1", "m-2"]);
    }

    [Fact]
    public async Task RunAsync_WhenAnOlderEventArrivesAfterTheRevert_ShouldFindTheGroupInSync()
    {
        // Given an event for a change already reverted (out of order / stale)
        var world = new WatchFakes();
        world.Enqueue(WatchFakes.EventBody("e-old"));
        // When
        await world.Loop(WatchScope.All).RunAsync(CancellationToken.None);
        // Then
        world.Decisions.Single(d => d.Trigger == "event").Decision.ShouldBe("in-sync");
        world.RemediationCalls.ShouldBeEmpty();
        world.Incidents.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_WhenAMessageIsMalformed_ShouldLogDeleteAndCarryOn()
    {
        // Given
        var world = new WatchFakes();
        world.Enqueue("{\"not\":\"an event\"}", "bad");
        world.Enqueue(WatchFakes.EventBody(), "good", world.OpenSsh);
        // When
        await RunUntil(world.Loop(WatchScope.Noncompliant, once: false), world, () => world.Deleted.Count == 2);
        // Then
        world.Decisions.ShouldContain(d => d.Decision == "malformed" && d.MessageId == "bad");
        world.Decisions.ShouldContain(d => d.Decision == "remediated" && d.MessageId == "good");
        world.Decisions.Last().Counters!.Malformed.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_InPollModeOnce_ShouldRunOneFullCheckAndRevertWithAnUnknownActor()
    {
        // Given
        var world = new WatchFakes();
        world.OpenSsh();
        // When
        var exit = await world.Loop(WatchScope.Noncompliant, events: false).RunAsync(CancellationToken.None);
        // Then
        exit.ShouldBe(ExitCodes.Ok);
        world.Live[WatchFakes.Group].ShouldNotContain(r => r.RuleId == "sgr-ssh");
        world.Incidents.ShouldHaveSingleItem().Actor.Person.ShouldBe("unknown");
        world.Decisions.Select(d => d.Decision).ShouldBe(["start", "remediated", "stop"]);
    }

    [Fact]
    public async Task RunAsync_WhenScopeIsAllAndADeclaredRuleWasRevoked_ShouldAuthorizeItAgain()
    {
        // Given
        var world = new WatchFakes();
        world.Enqueue(WatchFakes.EventBody(), change: () => world.Live[WatchFakes.Group].Clear());
        // When
        await world.Loop(WatchScope.All).RunAsync(CancellationToken.None);
        // Then
        world.Live[WatchFakes.Group].ShouldHaveSingleItem().PortText.ShouldBe("tcp/443");
        world.Decisions.Last(d => d.Trigger == "event").Decision.ShouldBe("remediated");
    }

    [Fact]
    public async Task RunAsync_WhenTheDeclaredFilesChange_ShouldReloadAndJudgeByTheNewState()
    {
        // Given a watcher running with SSH undeclared
        var world = new WatchFakes();
        var loop = world.Loop(WatchScope.Noncompliant, once: false);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = loop.RunAsync(cts.Token);
        await WaitUntil(() => world.Decisions.Any(d => d.Trigger == "startup" && d.Decision == "in-sync"));
        // When the IaC now declares tcp/22 from 10/8 and the file changes
        world.Declared = [Declare.Tf("aws_security_group.app", WatchFakes.Group, "app", "vpc-1",
            Declare.In("aws_security_group.app", "tcp", "443", "443", "aws_security_group.app", cidr: ["10.0.0.0/8"]),
            Declare.In("aws_security_group.app", "tcp", "22", "22", "aws_security_group.app", cidr: ["10.0.0.0/8"]))];
        world.DeclaredChanged = true;
        await WaitUntil(() => world.Decisions.Any(d => d.Decision == "reload"));
        await cts.CancelAsync();
        await run;
        // Then
        world.Loads.ShouldBe(2);
        world.Decisions.Last().Decision.ShouldBe("stop");
    }

    private static async Task<bool> RunUntil(WatchLoop loop, WatchFakes world, Func<bool> done)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = loop.RunAsync(cts.Token);
        await WaitUntil(done);
        await cts.CancelAsync();
        (await run).ShouldBe(ExitCodes.Ok);
        return true;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++) await Task.Delay(10);
        condition().ShouldBeTrue();
    }
}
