using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>One difference between live and declared state.</summary>
/// <param name="Kind">Drift kind.</param>
/// <param name="GroupId">Live or declared <c>sg-</c> id (null if never known).</param>
/// <param name="Rule">The atomic rule concerned; null for group-level drifts.</param>
public sealed record DriftItem(DriftKind Kind, string? GroupId, SgRule? Rule)
{
    /// <summary>Region of the live group.</summary>
    public string? Region { get; init; }
    /// <summary>Account of the live group.</summary>
    public string? Account { get; init; }
    /// <summary>IaC resource address or logical id; null for unmanaged groups.</summary>
    public string? Resource { get; init; }
    /// <summary>File declaring the group or rule.</summary>
    public string? File { get; init; }
    /// <summary>Line declaring the group or rule.</summary>
    public int? Line { get; init; }
    /// <summary>Declared description (for <see cref="DriftKind.Changed"/>).</summary>
    public string? DeclaredDescription { get; init; }
    /// <summary>Live description (for <see cref="DriftKind.Changed"/>).</summary>
    public string? LiveDescription { get; init; }
    /// <summary>Policy findings of the rule (same catalogue as the gate).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    /// <summary>Drift severity: the highest unwaived finding, else the kind's default.</summary>
    public Severity Severity { get; init; } = Severity.Low;
    /// <summary>True when accepted by a baseline file.</summary>
    public bool Accepted { get; init; }
    /// <summary>Stable fingerprint (account, region, group, rule, kind).</summary>
    public string Fingerprint { get; init; } = "";
}
