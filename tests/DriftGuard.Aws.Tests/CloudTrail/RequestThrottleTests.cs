using DriftGuard.Aws.CloudTrail;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Aws.Tests.CloudTrail;

/// <summary>A clock that moves only when someone waits on it.</summary>
internal sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    private readonly Lock _gate = new();
    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }
    public Task Delay(TimeSpan t, CancellationToken ct) { lock (_gate) { _now += t; } return Task.CompletedTask; }
}

public sealed class RequestThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WaitAsync_WhenFiveCallsComeAtOnce_ShouldGrantSlotsHalfASecondApart()
    {
        // Given
        var clock = new FakeClock(T0);
        var throttle = new RequestThrottle(2, clock, (t, ct) => Task.CompletedTask);
        // When
        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < 5; i++) slots.Add(await throttle.WaitAsync("123456789012/us-east-1", CancellationToken.None));
        // Then
        slots.Select(s => (s - T0).TotalMilliseconds).ShouldBe([0, 500, 1000, 1500, 2000]);
    }

    [Fact]
    public async Task WaitAsync_WhenAccountsOrRegionsDiffer_ShouldNotDelayEachOther()
    {
        // Given
        var clock = new FakeClock(T0);
        var throttle = new RequestThrottle(2, clock, clock.Delay);
        // When
        await throttle.WaitAsync("111111111111/us-east-1", CancellationToken.None);
        await throttle.WaitAsync("111111111111/eu-west-1", CancellationToken.None);
        await throttle.WaitAsync("222222222222/us-east-1", CancellationToken.None);
        // Then
        clock.GetUtcNow().ShouldBe(T0);
    }

    private sealed class PagedLookup(FakeClock clock, int pages) : ILookupEvents
    {
        public List<DateTimeOffset> CalledAt { get; } = [];
        public Task<LookupEventsPage> LookupEventsAsync(string resourceName, DateTimeOffset start, DateTimeOffset end, string? nextToken, CancellationToken ct)
        {
            CalledAt.Add(clock.GetUtcNow());
            var n = nextToken is null ? 1 : int.Parse(nextToken, System.Globalization.CultureInfo.InvariantCulture);
            var events = Enumerable.Range(0, 50).Select(i => new CloudTrailEventSummary($"e{n}-{i}", "DescribeSecurityGroups", T0, "x", [resourceName], "{}")).ToList();
            if (n == pages)
                events.Add(new CloudTrailEventSummary("match", "AuthorizeSecurityGroupIngress", T0, "alice",
                    [resourceName], """{"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/alice","userName":"alice"},"eventTime":"2026-06-01T11:00:00Z","eventName":"AuthorizeSecurityGroupIngress","requestParameters":{"groupId":"sg-1","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}}]}}}"""));
            return Task.FromResult(new LookupEventsPage(events, n < pages ? (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
        }
    }

    private static DriftItem Ssh() =>
        new(DriftKind.Unmanaged, "sg-1", new SgRule("sg-1", Direction.Ingress, Protocols.Tcp, 22, 22, Cidr.Parse("0.0.0.0/0"))) { Region = "us-east-1", Account = "123456789012" };

    [Fact]
    public async Task Attribute_WhenTheMatchIsOnTheFourthPage_ShouldFollowNextTokenAtMostTwiceASecond()
    {
        // Given
        var clock = new FakeClock(T0);
        var lookup = new PagedLookup(clock, pages: 4);
        var attributor = new CloudTrailAttributor(_ => lookup, new RequestThrottle(2, clock, clock.Delay), "us-east-1");
        // When
        var a = await attributor.AttributeAsync(Ssh(), T0, CancellationToken.None);
        // Then
        a.Actor.ShouldBe("alice");
        lookup.CalledAt.Count.ShouldBe(4);
        lookup.CalledAt.Zip(lookup.CalledAt.Skip(1), (x, y) => y - x).ShouldAllBe(gap => gap >= TimeSpan.FromMilliseconds(500));
    }
}
