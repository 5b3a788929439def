using CsCheck;
using DriftGuard.Core.Incidents;

namespace DriftGuard.Core.Tests.Incidents;

public sealed class IncidentStatisticsTests
{
    private static TimeSpan[] Minutes(params int[] m) => [.. m.Select(x => TimeSpan.FromMinutes(x))];

    [Fact]
    public void Median_WhenCountIsEven_ShouldAverageTheTwoMiddleValues()
    {
        // Given / When / Then
        IncidentStatistics.Median(Minutes(40, 10, 30, 20)).ShouldBe(TimeSpan.FromMinutes(25));
    }

    [Fact]
    public void Median_WhenCountIsOdd_ShouldBeTheMiddleValue()
    {
        IncidentStatistics.Median(Minutes(5, 1, 3)).ShouldBe(TimeSpan.FromMinutes(3));
    }

    [Fact]
    public void Percentile90_WhenTenValues_ShouldBeTheNinthByNearestRank()
    {
        // Given 1..10 minutes; nearest rank ⌈0.9·10⌉ = 9
        IncidentStatistics.Percentile(Minutes(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), 90).ShouldBe(TimeSpan.FromMinutes(9));
    }

    [Fact]
    public void Percentile90_WhenElevenValues_ShouldBeTheTenthByNearestRank()
    {
        // ⌈0.9·11⌉ = 10
        IncidentStatistics.Percentile(Minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100), 90).ShouldBe(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Median_WhenNoValues_ShouldBeNull()
    {
        IncidentStatistics.Median([]).ShouldBeNull();
        IncidentStatistics.Percentile([], 90).ShouldBeNull();
    }

    [Fact]
    public void Percentile90_ForAnyDurations_ShouldBeOneOfThemAndAtLeastTheMedian()
    {
        Gen.Int[0, 100_000].Array[1, 50].Sample(values =>
        {
            var spans = values.Select(v => TimeSpan.FromSeconds(v)).ToArray();
            var p90 = IncidentStatistics.Percentile(spans, 90)!.Value;
            spans.ShouldContain(p90);
            p90.ShouldBeGreaterThanOrEqualTo(IncidentStatistics.Median(spans)!.Value);
            spans.Count(s => s <= p90).ShouldBeGreaterThanOrEqualTo((int)Math.Ceiling(0.9 * spans.Length));
        });
    }
}
