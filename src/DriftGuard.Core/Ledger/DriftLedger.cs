using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Ledger;

/// <summary>
/// The drift ledger: a durable record of every drift by fingerprint. One call records what a command did:
/// <code>
/// var ledger = new DriftLedger(store);                     // LedgerStores.Open("s3://b/k" or a path, …)
/// var run = LedgerRun.Start("remediate", clock.GetUtcNow(), by: callerArn);
/// await ledger.RecordRemediatedAsync(fixedDrifts, run, "revoked sgr-0abc", ct);
/// await ledger.RecordVerifiedAsync(fixedDrifts, run with { At = clock.GetUtcNow() }, ct);
/// </code>
/// </summary>
public sealed class DriftLedger(ILedgerStore store)
{
    /// <summary>The underlying store.</summary>
    public ILedgerStore Store => store;

    /// <summary>Reads every entry (corrupt lines are reported in <see cref="LedgerReadResult.Problems"/>).</summary>
    public Task<LedgerReadResult> ReadAsync(CancellationToken ct) => store.ReadAsync(ct);

    /// <summary>Reads and folds the ledger into drift histories, with the problems met on the way.</summary>
    public async Task<(IReadOnlyList<DriftHistory> Histories, IReadOnlyList<Diagnostic> Problems)> HistoriesAsync(CancellationToken ct)
    {
        var read = await store.ReadAsync(ct).ConfigureAwait(false);
        return (LedgerHistory.Fold(read.Entries), read.Problems);
    }

    /// <summary>Appends one <paramref name="type"/> line per drift, all in one atomic append. Drifts without a fingerprint are skipped.</summary>
    public Task RecordAsync(LedgerEventType type, IEnumerable<DriftItem> drifts, LedgerRun run, CancellationToken ct, string? note = null) =>
        store.AppendAsync([.. drifts.Where(d => d.Fingerprint.Length > 0).Select(d => LedgerEntry.For(type, d, run) with { Note = note })], ct);

    /// <summary>Records that <paramref name="drifts"/> were seen by <paramref name="run"/>.</summary>
    public Task RecordDetectedAsync(IEnumerable<DriftItem> drifts, LedgerRun run, CancellationToken ct) =>
        RecordAsync(LedgerEventType.Detected, drifts, run, ct);

    /// <summary>Records that <paramref name="run"/> (its <see cref="LedgerRun.By"/> is the remediator) reapplied the declared rules for <paramref name="drifts"/>.</summary>
    public Task RecordRemediatedAsync(IEnumerable<DriftItem> drifts, LedgerRun run, string? note, CancellationToken ct) =>
        RecordAsync(LedgerEventType.Remediated, drifts, run, ct, note);

    /// <summary>Records that a re-read by <paramref name="run"/> confirmed <paramref name="drifts"/> are gone.</summary>
    public Task RecordVerifiedAsync(IEnumerable<DriftItem> drifts, LedgerRun run, CancellationToken ct) =>
        RecordAsync(LedgerEventType.Verified, drifts, run, ct);
}
