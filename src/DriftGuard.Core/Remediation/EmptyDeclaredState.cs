using System.Globalization;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Remediation;

/// <summary>
/// The "empty declared state" safety rail shared by <c>remediate</c> (<see cref="RemediationPlanner"/>) and <c>watch</c>:
/// a declared state that holds no groups, or groups without a single rule, for an account/region where live groups
/// exist is far more often a wrong workspace, a truncated or half-written state than an intent to delete every rule.
/// Acting on it would revoke every live rule, so nothing is changed there.
/// </summary>
public static class EmptyDeclaredState
{
    /// <summary>
    /// One refusal per live account/region (<see cref="SecurityGroup.OwnerId"/>/<see cref="SecurityGroup.Region"/>) whose
    /// declared groups (mapped through <see cref="DriftResult.Mapping"/>) are absent or all without rules, when a change
    /// would touch a group there (or nothing at all is declared).
    /// </summary>
    /// <param name="declared">The declared groups of the run.</param>
    /// <param name="drift">Their analysis against <paramref name="live"/> (its mapping: declared key → live id).</param>
    /// <param name="live">The live groups read.</param>
    /// <param name="touchedGroupIds">Live ids of the groups the run would change.</param>
    /// <returns>Messages such as <c>the declared state for 123456789012/us-east-1 is empty while 3 live group(s) exist:
    /// never acting on it</c>; empty when acting is allowed.</returns>
    public static IReadOnlyList<string> Refusals(IReadOnlyCollection<SecurityGroup> declared, DriftResult drift,
                                                 IReadOnlyCollection<SecurityGroup> live, IReadOnlyCollection<string> touchedGroupIds)
    {
        var declaredByLive = drift.Mapping
            .GroupBy(kv => kv.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var declaredByKey = declared.GroupBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var touchedIds = touchedGroupIds.ToHashSet(StringComparer.Ordinal);
        var refusals = new List<string>();
        foreach (var scope in live.GroupBy(g => (Account: g.OwnerId ?? "", Region: g.Region ?? "")))
        {
            var liveIds = scope.Select(g => g.GroupId ?? g.Key).ToList();
            var declaredHere = liveIds
                .Where(declaredByLive.ContainsKey)
                .SelectMany(id => declaredByLive[id])
                .SelectMany(k => declaredByKey.GetValueOrDefault(k) ?? [])
                .ToList();
            var touched = liveIds.Any(touchedIds.Contains);
            if ((declaredHere.Count == 0 || declaredHere.All(g => g.Rules.Count == 0)) && (touched || declared.Count == 0))
            {
                var where = string.Join("/", new[] { scope.Key.Account, scope.Key.Region }.Where(s => s.Length > 0));
                refusals.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the declared state for {(where.Length == 0 ? "the live account" : where)} is empty while {liveIds.Count} live group(s) exist: never acting on it"));
            }
        }
        return refusals;
    }
}
