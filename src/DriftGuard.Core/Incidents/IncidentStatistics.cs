namespace DriftGuard.Core.Incidents;

/// <summary>
/// Median and percentiles of durations. Median: the middle value, or the mean of the two middle values for an even
/// count. Percentile p: nearest-rank, the smallest value with at least p % of the values at or below it
/// (value at 1-based rank ⌈p/100 · n⌉), so p90 is always a duration that really happened.
/// </summary>
public static class IncidentStatistics
{
    /// <summary>Median, or null for no values.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var v = values.Order().ToList();
        if (v.Count == 0) return null;
        var mid = v.Count / 2;
        return v.Count % 2 == 1 ? v[mid] : TimeSpan.FromTicks((v[mid - 1].Ticks + v[mid].Ticks) / 2);
    }

    /// <summary>Nearest-rank percentile <paramref name="p"/> (0 &lt; p ≤ 100), or null for no values.</summary>
    public static TimeSpan? Percentile(IEnumerable<TimeSpan> values, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        var v = values.Order().ToList();
        if (v.Count == 0) return null;
        var rank = (int)Math.Ceiling(p / 100 * v.Count);
        return v[Math.Clamp(rank, 1, v.Count) - 1];
    }
}
