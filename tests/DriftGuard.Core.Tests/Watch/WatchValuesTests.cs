using CsCheck;
using DriftGuard.Core.Watch;

namespace DriftGuard.Core.Tests.Watch;

public sealed class WatchValuesTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("250ms", 250)]
    [InlineData("1m30s", 90_000)]
    [InlineData("45", 45_000)]
    public void TryParse_WhenDurationIsValid_ShouldReturnIt(string text, int ms)
    {
        // When / Then
        DurationText.TryParse(text, out var value, out _).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromMilliseconds(ms));
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5 minutes")]
    [InlineData("-3s")]
    public void TryParse_WhenDurationIsInvalid_ShouldExplain(string text)
    {
        // When / Then
        DurationText.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Delay_WhenAttemptsGrow_ShouldDoubleUpToTheCap()
    {
        // Given
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
        // When / Then
        Enumerable.Range(1, 5).Select(backoff.Delay).ShouldBe(
            [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)]);
    }

    [Fact]
    public void Delay_ForAnyAttempt_ShouldStayBetweenBaseAndMax()
    {
        Gen.Int[-5, 10_000].Sample(n =>
        {
            var d = RetryBackoff.Default.Delay(n);
            return d >= RetryBackoff.Default.Base && d <= RetryBackoff.Default.Max;
        });
    }

    [Theory]
    [InlineData("none", WatchScope.None)]
    [InlineData("NonCompliant", WatchScope.Noncompliant)]
    [InlineData("all", WatchScope.All)]
    public void TryParse_WhenScopeWordIsKnown_ShouldReturnTheScope(string text, WatchScope expected)
    {
        WatchScopes.TryParse(text, out var scope, out _).ShouldBeTrue();
        scope.ShouldBe(expected);
    }

    [Fact]
    public void TryParse_WhenScopeWordIsUnknown_ShouldListTheChoices()
    {
        WatchScopes.TryParse("some", out _, out var error).ShouldBeFalse();
        error.ShouldBe("invalid --remediate 'some': use none, noncompliant or all");
    }

    [Fact]
    public void Add_WhenCapacityIsExceeded_ShouldForgetTheOldestEvent()
    {
        // Given
        var seen = new SeenEvents(capacity: 2);
        // When
        seen.Add("a"); seen.Add("b"); seen.Add("c");
        // Then
        seen.Contains("a").ShouldBeFalse();
        seen.Contains("b").ShouldBeTrue();
        seen.Contains("c").ShouldBeTrue();
    }
}
