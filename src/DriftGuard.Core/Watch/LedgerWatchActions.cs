using DriftGuard.Core.Ledger;

namespace DriftGuard.Core.Watch;

/// <summary>
/// Watch actions that also write every incident to the drift ledger, so that <c>driftguard report --ledger</c> tells
/// watch's incidents as it tells check's and remediate's: a <c>detected</c> line per drift at detection time, an
/// <c>attributed</c> line from the CloudTrail event that triggered it (who, from where, with what), and
/// <c>remediated</c> and <c>verified</c> lines at the times watch reverted and re-read the rules.
/// Reverting is left to the wrapped actions; a ledger that cannot be written fails the recording (the loop logs it
/// and counts a failure), never the revert, which has already happened.
/// </summary>
/// <param name="inner">The actions that revert and record elsewhere (EC2 + incidents file).</param>
/// <param name="ledger">The ledger to append to (file or S3).</param>
/// <param name="remediator">Who reverts, as the ledger's <c>by</c> names it (e.g. <c>driftguard watch</c>).</param>
public sealed class LedgerWatchActions(IWatchActions inner, DriftLedger ledger, string remediator) : IWatchActions
{
    /// <inheritdoc />
    public Task<WatchRemediationResult> RemediateAsync(WatchRemediationRequest request, CancellationToken ct) => inner.RemediateAsync(request, ct);

    /// <inheritdoc />
    /// <exception cref="LedgerException">The ledger could not be written.</exception>
    public async Task RecordIncidentAsync(WatchIncident incident, CancellationToken ct)
    {
        await inner.RecordIncidentAsync(incident, ct).ConfigureAwait(false);
        var run = LedgerRun.Start("watch", incident.DetectedAt, remediator);
        var lines = new List<LedgerEntry>();
        foreach (var d in incident.Drifts.Where(d => d.Fingerprint.Length > 0))
        {
            lines.Add(LedgerEntry.For(LedgerEventType.Detected, d, run));
            if (Attribution(incident) is { } attribution)
                lines.Add(LedgerEntry.For(LedgerEventType.Attributed, d, run) with { Attribution = attribution });
        }
        foreach (var d in incident.Remediated.Where(d => d.Fingerprint.Length > 0))
        {
            if (incident.RemediatedAt is { } remediatedAt)
                lines.Add(LedgerEntry.For(LedgerEventType.Remediated, d, run with { At = remediatedAt }) with { Note = "reverted by watch" });
            if (incident.VerifiedAt is { } verifiedAt)
                lines.Add(LedgerEntry.For(LedgerEventType.Verified, d, run with { At = verifiedAt }));
        }
        if (lines.Count > 0) await ledger.Store.AppendAsync(lines, ct).ConfigureAwait(false);
    }

    /// <summary>The event's actor as a ledger attribution; null for a poll, which sees the change but not who made it.</summary>
    private static ChangeAttribution? Attribution(WatchIncident incident)
    {
        if (incident.EventId is null) return null;
        var actor = incident.Actor;
        var known = actor.Basis != WatchActor.Unknown.Basis;
        return new ChangeAttribution(known)
        {
            Actor = known ? actor.Person : null,
            ActorSource = actor.BasisText,
            IdentityType = actor.IdentityType,
            PrincipalArn = actor.PrincipalArn,
            Role = actor.Role,
            AccessKeyId = actor.AccessKeyId,
            OccurredAt = incident.OccurredAt,
            SourceIp = incident.SourceIp,
            UserAgent = incident.UserAgent,
            Via = ClientKinds.Of(incident.UserAgent),
            EventName = incident.EventName,
            EventId = incident.EventId,
            Match = "the event that triggered watch",
            UnknownReason = known ? null : "the CloudTrail event names no identity",
        };
    }
}
