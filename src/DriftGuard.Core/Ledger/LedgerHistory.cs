using DriftGuard.Core.Model;

namespace DriftGuard.Core.Ledger;

/// <summary>Folds ledger lines into one <see cref="DriftHistory"/> per drift episode (pure).</summary>
public static class LedgerHistory
{
    /// <summary>
    /// Folds <paramref name="entries"/> (any order; sorted by time here, file order breaking ties). Remediated,
    /// verified, resolved and attributed lines attach to the fingerprint's current episode; such a line for a
    /// fingerprint never detected is ignored (nothing to attach it to). A detected line after a verification opens
    /// a new episode.
    /// </summary>
    public static IReadOnlyList<DriftHistory> Fold(IEnumerable<LedgerEntry> entries)
    {
        var closed = new List<DriftHistory>();
        var current = new Dictionary<string, DriftHistory>(StringComparer.Ordinal);
        var episodes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in entries.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e))
        {
            current.TryGetValue(e.Fingerprint, out var h);
            switch (e.Event)
            {
                case LedgerEventType.Detected:
                    if (h is not null && !h.Open)
                    {
                        closed.Add(h);
                        h = null;
                    }
                    if (h is null)
                    {
                        var episode = episodes[e.Fingerprint] = episodes.GetValueOrDefault(e.Fingerprint) + 1;
                        h = new DriftHistory(e.Fingerprint, episode, e)
                        {
                            FirstSeen = e.At, LastSeen = e.At, FirstRun = e.Run, Runs = [e.Run],
                            Severity = e.Severity ?? "low", FlaggedAt = e.At,
                        };
                    }
                    else
                    {
                        var raised = Rank(e.Severity) > Rank(h.Severity);
                        h = h with
                        {
                            Latest = e,
                            LastSeen = e.At,
                            Runs = h.Runs.Contains(e.Run) ? h.Runs : [.. h.Runs, e.Run],
                            Severity = raised ? e.Severity! : h.Severity,
                            FlaggedAt = raised ? e.At : h.FlaggedAt,
                        };
                    }
                    break;
                case LedgerEventType.Attributed when h is not null && e.Attribution is not null:
                    // A known attribution is never replaced by a later "unknown".
                    if (h.Attribution is not { Known: true } || e.Attribution.Known) h = h with { Attribution = e.Attribution };
                    break;
                case LedgerEventType.Remediated when h is not null && h.Open:
                    h = h with { RemediatedAt = e.At, RemediatedBy = e.By, RemediatedRun = e.Run, RemediationNote = e.Note };
                    break;
                case LedgerEventType.Verified when h is not null && h.Open:
                    h = h with { VerifiedAt = e.At, VerifiedBy = e.By, VerifiedRun = e.Run, ResolvedWithoutRemediation = false };
                    break;
                case LedgerEventType.Resolved when h is not null && h.Open:
                    h = h with { VerifiedAt = e.At, VerifiedBy = e.By, VerifiedRun = e.Run, ResolvedWithoutRemediation = h.RemediatedAt is null };
                    break;
            }
            if (h is not null) current[e.Fingerprint] = h;
        }
        return [.. closed.Concat(current.Values).OrderBy(h => h.FirstSeen).ThenBy(h => h.Fingerprint, StringComparer.Ordinal)];
    }

    /// <summary>Rank of a lower-case severity name (unknown names rank lowest).</summary>
    public static int Rank(string? severity) =>
        Enum.TryParse<Severity>(severity, ignoreCase: true, out var s) ? (int)s : 0;
}
