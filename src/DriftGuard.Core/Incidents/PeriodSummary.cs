namespace DriftGuard.Core.Incidents;

/// <summary>Counts and timings over the reported period.</summary>
/// <param name="Incidents">Incidents in the period.</param>
/// <param name="Open">Not yet verified.</param>
/// <param name="Remediated">Verified (remediated by DriftGuard or resolved otherwise).</param>
/// <param name="BySeverity">Severity (lower case) → count, highest first.</param>
/// <param name="ByControl">Control id → incidents violating it, most first.</param>
/// <param name="MedianTimeToDetect">Median occurred → detected over incidents with a known occurrence.</param>
/// <param name="P90TimeToDetect">p90 of the same.</param>
/// <param name="MedianTimeToRemediate">MTTR: median detected → verified over verified incidents.</param>
/// <param name="P90TimeToRemediate">p90 of the same.</param>
public sealed record PeriodSummary(int Incidents, int Open, int Remediated,
    IReadOnlyList<KeyValuePair<string, int>> BySeverity, IReadOnlyList<KeyValuePair<string, int>> ByControl,
    TimeSpan? MedianTimeToDetect, TimeSpan? P90TimeToDetect, TimeSpan? MedianTimeToRemediate, TimeSpan? P90TimeToRemediate)
{
    /// <summary>Summarises <paramref name="incidents"/>.</summary>
    public static PeriodSummary Of(IReadOnlyList<Incident> incidents)
    {
        var ttd = incidents.Where(i => i.TimeToDetect is not null).Select(i => i.TimeToDetect!.Value).ToList();
        var ttr = incidents.Where(i => i.TimeToRemediate is not null).Select(i => i.TimeToRemediate!.Value).ToList();
        var bySeverity = incidents.GroupBy(i => i.Severity)
            .OrderByDescending(g => Ledger.LedgerHistory.Rank(g.Key))
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count())).ToList();
        var byControl = incidents.SelectMany(i => i.Controls).GroupBy(c => c)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count())).ToList();
        return new PeriodSummary(incidents.Count, incidents.Count(i => i.VerifiedAt is null), ttr.Count, bySeverity, byControl,
            IncidentStatistics.Median(ttd), IncidentStatistics.Percentile(ttd, 90),
            IncidentStatistics.Median(ttr), IncidentStatistics.Percentile(ttr, 90));
    }
}
