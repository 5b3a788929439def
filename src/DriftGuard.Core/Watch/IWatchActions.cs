using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Watch;

/// <summary>What watch mode asks to revert.</summary>
/// <param name="Selected">The drifts <see cref="WatchDriftSelector"/> chose for the scope, each on a managed group.</param>
/// <param name="Drift">The whole analysis they came from.</param>
/// <param name="Declared">Declared groups.</param>
/// <param name="Live">Live groups as read just before.</param>
/// <param name="Scope">The <c>--remediate</c> scope.</param>
/// <param name="Threshold">The <c>--fail-on</c> severity.</param>
public sealed record WatchRemediationRequest(IReadOnlyList<DriftItem> Selected, DriftResult Drift, IReadOnlyList<SecurityGroup> Declared,
                                             IReadOnlyList<SecurityGroup> Live, WatchScope Scope, Severity Threshold);

/// <summary>A drift the executor could not revert, with the API's one-line error.</summary>
public sealed record WatchActionFailure(DriftItem Drift, string Error);

/// <summary>What the executor did: drifts whose API calls succeeded, and the ones that failed.</summary>
public sealed record WatchRemediationResult(IReadOnlyList<DriftItem> Applied, IReadOnlyList<WatchActionFailure> Failed)
{
    /// <summary>EC2 API calls made.</summary>
    public int ApiCalls { get; init; }
}

/// <summary>An incident as watch mode writes it: who, when, what, and what DriftGuard did about it.</summary>
public sealed record WatchIncident(string IncidentId, string Trigger, WatchActor Actor, IReadOnlyList<DriftItem> Drifts)
{
    /// <summary>CloudTrail event name (null for a poll).</summary>
    public string? EventName { get; init; }
    /// <summary>CloudTrail event id (null for a poll).</summary>
    public string? EventId { get; init; }
    /// <summary>When the change happened (event time); null when only a poll saw it.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
    /// <summary>When DriftGuard saw the drift.</summary>
    public DateTimeOffset DetectedAt { get; init; }
    /// <summary>When the revert calls returned; null when nothing was reverted.</summary>
    public DateTimeOffset? RemediatedAt { get; init; }
    /// <summary>When a re-read confirmed the revert; null when not verified.</summary>
    public DateTimeOffset? VerifiedAt { get; init; }
    /// <summary>Drifts reverted and verified.</summary>
    public IReadOnlyList<DriftItem> Remediated { get; init; } = [];
    /// <summary>Drifts whose revert failed, with the error.</summary>
    public IReadOnlyList<WatchActionFailure> Failed { get; init; } = [];
    /// <summary>Scope in force.</summary>
    public WatchScope Scope { get; init; }
    /// <summary>Source IP of the call.</summary>
    public string? SourceIp { get; init; }
    /// <summary>User agent of the call.</summary>
    public string? UserAgent { get; init; }
    /// <summary>Region of the change.</summary>
    public string? Region { get; init; }
    /// <summary>Account of the change.</summary>
    public string? Account { get; init; }
}

/// <summary>
/// The side effects of watch mode behind one seam: revert drifts, and record an incident. The default implementation
/// (DriftGuard.Aws <c>Ec2WatchActions</c>) calls EC2 and writes incidents as JSON lines; the remediation engine and the
/// incident ledger replace it when they are wired.
/// </summary>
public interface IWatchActions
{
    /// <summary>Reverts <see cref="WatchRemediationRequest.Selected"/>; failures are returned, not thrown.</summary>
    Task<WatchRemediationResult> RemediateAsync(WatchRemediationRequest request, CancellationToken ct);

    /// <summary>Records an incident (ledger, file, ticket).</summary>
    Task RecordIncidentAsync(WatchIncident incident, CancellationToken ct);
}
