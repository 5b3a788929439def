using System.Globalization;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>
/// The "nothing was compared" safety alert. When every declared group is missing live, the likeliest cause is the run, not
/// the account: another account, region or endpoint, or ids that map to nothing. Each group alone is only a medium
/// <c>missing-group</c> drift, so without this alert such a run passes at the default <c>--fail-on high</c>; with it the
/// run is incomplete (exit code 3) and remediation stands still. The same holds when the inputs declare no security group
/// at all (a plan without <c>prior_state</c>, a state with <c>"resources": []</c>) and neither <c>--vpc</c> nor
/// <c>--all-vpcs</c> widens the scope: no live group is then compared with anything, and "0 drifts" would be a lie.
/// </summary>
public static class NothingFoundLive
{
    /// <summary>
    /// The alert when at least one group is declared and none of them was mapped to a live group
    /// (<see cref="DriftResult.Mapping"/> is empty), or, when <paramref name="scope"/> is given, when no group is declared and
    /// the scope names no VPC; null otherwise.
    /// </summary>
    /// <param name="declared">Declared groups of the run.</param>
    /// <param name="drift">The analysis of those groups against the live read.</param>
    /// <param name="where">Where the live side was read, used as the diagnostic's file (e.g. <c>aws:us-east-1</c> or the live file).</param>
    /// <param name="scope">The analysis options (<see cref="DriftOptions.VpcIds"/>, <see cref="DriftOptions.AllVpcs"/>); null: only
    /// the "none found live" case is judged (callers with their own rail for an empty declaration, e.g. remediate's plan).</param>
    /// <param name="inputs">The declared inputs as the user named them, used as the diagnostic's file of the "no group declared" alert.</param>
    /// <returns>A <see cref="Diagnostic"/> for <c>alerts[]</c>, or null.</returns>
    public static Diagnostic? Alert(IReadOnlyCollection<SecurityGroup> declared, DriftResult drift, string where,
                                    DriftOptions? scope = null, IReadOnlyCollection<string>? inputs = null)
    {
        var count = declared.Select(g => g.Key).Distinct(StringComparer.Ordinal).Count();
        if (count == 0) return scope is null || scope.AllVpcs || scope.VpcIds.Count > 0 ? null : NothingDeclared(inputs);
        if (drift.Mapping.Count > 0) return null;
        return new Diagnostic(where, 0, string.Create(CultureInfo.InvariantCulture,
            $"none of the {count} declared security group(s) was found live: wrong account, region or endpoint, or ids that do not map to live groups? Not treated as in sync, and nothing is remediated"));
    }

    private static Diagnostic NothingDeclared(IReadOnlyCollection<string>? inputs) =>
        new(inputs is { Count: > 0 } ? string.Join(" ", inputs) : "declared state", 0,
            "the declared inputs hold no security group (a plan without prior_state, an empty state or template?): nothing was compared with the live groups. " +
            "Not treated as in sync, and nothing is remediated; give --vpc or --all-vpcs to report every live group there as unmanaged");
}
