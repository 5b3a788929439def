using DriftGuard.Core.Model;
using DriftGuard.Core.Watch;

namespace DriftGuard.Cli.GitHub;

/// <summary>
/// <c>watch --open-pr</c>: after an incident is recorded, the drifts watch did not revert and the policy allows keeping
/// (unmanaged, no unwaived finding at or above <c>--fail-on</c>) become codify pull requests, as with
/// <c>check --open-pr</c>: one branch per drift fingerprint, updated rather than duplicated. Reverting is left to the
/// wrapped actions; a pull request that cannot be opened is a warning on stderr, never a failed incident.
/// </summary>
internal sealed class PullRequestWatchActions(IWatchActions inner, DriftPullRequestOpener opener, Severity failOn, OpenPullRequestSettings settings)
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
        if (kept.Count > 0) await opener.OpenAsync(kept, failOn, settings, ct).ConfigureAwait(false);
    }
}
