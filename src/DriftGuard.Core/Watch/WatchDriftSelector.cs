using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Watch;

/// <summary>
/// Chooses the drifts a scope reverts. Only rule-level drifts of groups the IaC manages are ever chosen: an unmanaged
/// group is nobody's declared state, and a missing group needs <c>apply</c>, not an API call.
/// </summary>
public static class WatchDriftSelector
{
    /// <summary>
    /// <see cref="WatchScope.None"/>: nothing. <see cref="WatchScope.Noncompliant"/>: open unmanaged rules with an unwaived
    /// finding at or above <paramref name="threshold"/>. <see cref="WatchScope.All"/>: every open unmanaged, missing and changed rule.
    /// </summary>
    public static IReadOnlyList<DriftItem> Select(DriftResult drift, IEnumerable<DriftItem> candidates, WatchScope scope, Severity threshold)
    {
        if (scope == WatchScope.None) return [];
        var managed = drift.Mapping.Values.ToHashSet(StringComparer.Ordinal);
        return candidates.Where(d => !d.Accepted && d.Rule is not null && d.GroupId is not null && managed.Contains(d.GroupId))
            .Where(d => scope == WatchScope.All
                ? d.Kind is DriftKind.Unmanaged or DriftKind.Missing or DriftKind.Changed
                : d.Kind == DriftKind.Unmanaged && d.Findings.Any(f => f.Fails(threshold)))
            .ToList();
    }
}
