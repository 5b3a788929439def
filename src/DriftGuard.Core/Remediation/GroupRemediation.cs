namespace DriftGuard.Core.Remediation;

/// <summary>The planned changes to one managed live group, in the order they are made.</summary>
/// <param name="GroupId">Live <c>sg-</c> id.</param>
/// <param name="Steps">Authorize (ingress, then egress), then revoke (ingress, then egress), then description updates.
/// Authorizing first means a changed rule never leaves a gap in access.</param>
public sealed record GroupRemediation(string GroupId, IReadOnlyList<RemediationStep> Steps)
{
    /// <summary>IaC resource address or logical id of the group.</summary>
    public string? Resource { get; init; }

    /// <summary>Region of the live group.</summary>
    public string? Region { get; init; }

    /// <summary>Account owning the live group.</summary>
    public string? Account { get; init; }

    /// <summary>Steps of one kind, in plan order.</summary>
    public IEnumerable<RemediationStep> Of(RemediationActionKind kind) => Steps.Where(s => s.Action == kind);
}
