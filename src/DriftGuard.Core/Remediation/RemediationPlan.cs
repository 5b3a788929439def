namespace DriftGuard.Core.Remediation;

/// <summary>
/// What <c>remediate</c> would do: per managed group the atomic changes, the drifts left alone with their reasons,
/// and the safety rails that forbid applying anything at all.
/// </summary>
/// <param name="Scope">The scope planned for.</param>
/// <param name="Groups">Groups with at least one change, ordered by group id.</param>
/// <param name="Skipped">Drifts not remediated, with the reason, in drift order.</param>
public sealed record RemediationPlan(RemediationScope Scope, IReadOnlyList<GroupRemediation> Groups, IReadOnlyList<SkippedDrift> Skipped)
{
    /// <summary>Why nothing may be applied (a declared input failed, an empty declared state, <c>--max-changes</c>); empty when it may.</summary>
    public IReadOnlyList<string> Blocked { get; init; } = [];

    /// <summary>Number of atomic changes over all groups.</summary>
    public int ChangeCount => Groups.Sum(g => g.Steps.Count);

    /// <summary>True when there are changes and no safety rail forbids them.</summary>
    public bool CanApply => Blocked.Count == 0 && ChangeCount > 0;

    /// <summary>A plan that changes nothing.</summary>
    public static RemediationPlan Empty(RemediationScope scope) => new(scope, [], []);
}
