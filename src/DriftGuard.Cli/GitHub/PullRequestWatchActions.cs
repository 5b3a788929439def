using DriftGuard.Core.Model;
using DriftGuard.Core.Watch;

namespace DriftGuard.Cli.GitHub;

/// <summary>
/// <c>watch --open-pr</c>: after an incident is recorded, the drifts watch did not revert and the policy allows keeping
/// (unmanaged, no unwaived finding at or above <c>--fail-on</c>) become codify pull requests, as with
/// <c>check --open-pr</c>: one branch per drift fingerprint, updated rather than duplicated. Reverting is left to the
/// wrapped actions; a pull request that cannot be opened is a warning, never a failed incident. What the opener says
/// becomes <c>pull-request</c> lines of the decision log, so the log stays one JSON document per line.
/// </summary>
internal sealed class PullRequestWatchActions(IWatchActions inner, CliContext context, WatchLog log, Severity failOn, OpenPullRequestSettings settings)
    : IWatchActions
{
    /// <inheritdoc />
    public Task<WatchRemediationResult> RemediateAsync(WatchRemediationRequest request, CancellationToken ct) => inner.RemediateAsync(request, ct);

    /// <inheritdoc />
    public async Task RecordIncidentAsync(WatchIncident incident, CancellationToken ct)
    {
        await inner.RecordIncidentAsync(incident, ct).ConfigureAwait(false);
        var reverted = incident.Remediated.Select(d => d.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var kept = DriftPullRequestOpener.Codifiable(incident.Drifts.Where(d => !reverted.Contains(d.Fingerprint)), failOn).ToList();
        if (kept.Count == 0) return;
        var said = new StringWriter();
        await new DriftPullRequestOpener(context with { Error = said }).OpenAsync(kept, failOn, settings, ct).ConfigureAwait(false);
        foreach (var line in said.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            log.Write(new WatchDecision(WatchIncidentLine.Iso(context.Clock.GetUtcNow())!, "pull-request", incident.Trigger)
            {
                EventId = incident.EventId, Detail = line,
            });
    }
}
