using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Remediation;

/// <summary>Everything <see cref="RemediationPlanner.Plan"/> decides from.</summary>
/// <param name="Drift">The drift analysis of the declared groups against the live ones.</param>
/// <param name="Declared">Declared groups as read (for tags and the empty-declared-state rail).</param>
/// <param name="Live">Live groups as read (for tags, region and account).</param>
public sealed record RemediationRequest(DriftResult Drift, IReadOnlyList<SecurityGroup> Declared, IReadOnlyList<SecurityGroup> Live)
{
    /// <summary>Which drifts to revert.</summary>
    public RemediationScope Scope { get; init; } = RemediationScope.Noncompliant;

    /// <summary><c>--fail-on</c>: an unmanaged rule with an unwaived finding at or above it is noncompliant.</summary>
    public Severity Threshold { get; init; } = Severity.High;

    /// <summary><c>--max-changes</c>: above it nothing is applied and the plan says why.</summary>
    public int MaxChanges { get; init; } = 50;

    /// <summary><c>.driftguardignore</c>; checked again here so an ignored drift is never acted on, whoever built the drift result.</summary>
    public DriftIgnore Ignore { get; init; } = DriftIgnore.Empty;

    /// <summary>Declared-input errors; any of them forbids acting.</summary>
    public IReadOnlyList<Diagnostic> InputErrors { get; init; } = [];
}
