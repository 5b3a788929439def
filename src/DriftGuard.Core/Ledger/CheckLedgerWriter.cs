using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Ledger;

/// <summary>
/// What a check writes to the ledger, in one append: a <c>detected</c> line for every drift; an <c>attributed</c>
/// line for each drift the ledger has no attribution for yet (so CloudTrail is asked once per drift, not once per
/// run; an unknown answer is retried for <see cref="RetryUnknownFor"/>); and a <c>resolved</c> line for each open drift of a group this check read that it no longer sees.
/// </summary>
public sealed class CheckLedgerWriter(DriftLedger ledger, IChangeAttributor? attributor)
{
    /// <summary>
    /// How long after first seeing a drift an unknown attribution is retried: CloudTrail delivers an event about
    /// 5 minutes (at worst 15) after the call, so a check right after the change may find nothing yet.
    /// </summary>
    public static readonly TimeSpan RetryUnknownFor = TimeSpan.FromHours(1);

    private static bool ShouldAskAgain(DriftHistory h, DateTimeOffset now) =>
        h.Attribution is null || (!h.Attribution.Known && now - h.FirstSeen < RetryUnknownFor);

    /// <summary>Counts of what was written, and the ledger problems met (corrupt lines skipped).</summary>
    public sealed record Summary(int Detected, int Attributed, int Resolved, IReadOnlyList<Diagnostic> Problems);

    /// <summary>
    /// Records <paramref name="drift"/> seen by <paramref name="run"/>. <paramref name="readGroupIds"/> are the live
    /// groups the check read (in <paramref name="region"/>): only their drifts can be declared resolved.
    /// Throws <see cref="LedgerException"/> when the ledger cannot be read or written.
    /// </summary>
    public async Task<Summary> RecordAsync(DriftResult drift, IReadOnlyCollection<string> readGroupIds, string? region, LedgerRun run, CancellationToken ct)
    {
        var (histories, problems) = await ledger.HistoriesAsync(ct).ConfigureAwait(false);
        var current = histories.GroupBy(h => h.Fingerprint).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var lines = new List<LedgerEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var attributed = 0;
        foreach (var d in drift.Drifts.Where(d => d.Fingerprint.Length > 0))
        {
            seen.Add(d.Fingerprint);
            lines.Add(LedgerEntry.For(LedgerEventType.Detected, d, run));
            if (attributor is null || (current.TryGetValue(d.Fingerprint, out var h) && h.Open && !ShouldAskAgain(h, run.At))) continue;
            var attribution = await attributor.AttributeAsync(d, run.At, ct).ConfigureAwait(false);
            lines.Add(LedgerEntry.For(LedgerEventType.Attributed, d, run) with { Attribution = attribution });
            attributed++;
        }
        var groups = new HashSet<string>(readGroupIds, StringComparer.Ordinal);
        var resolved = 0;
        foreach (var h in current.Values.Where(h => h.Open && !seen.Contains(h.Fingerprint)))
        {
            var l = h.Latest;
            if (l.GroupId is null || !groups.Contains(l.GroupId) || (region is not null && l.Region is not null && l.Region != region)) continue;
            lines.Add(l with { Event = LedgerEventType.Resolved, At = run.At, Run = run.RunId, Command = run.Command, By = run.By, Attribution = null,
                               Note = "no longer seen by check" });
            resolved++;
        }
        await ledger.Store.AppendAsync(lines, ct).ConfigureAwait(false);
        return new Summary(lines.Count(l => l.Event == LedgerEventType.Detected), attributed, resolved, problems);
    }
}
