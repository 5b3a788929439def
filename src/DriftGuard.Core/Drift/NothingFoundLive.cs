using System.Globalization;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>
/// The "nothing declared was found live" safety alert. When every declared group is missing live, the likeliest cause is
/// the run, not the account: another account, region or endpoint, or ids that map to nothing. Each group alone is only a
/// medium <c>missing-group</c> drift, so without this alert such a run passes at the default <c>--fail-on high</c>;
/// with it the run is incomplete (exit code 3) and remediation stands still.
/// </summary>
public static class NothingFoundLive
{
    /// <summary>
    /// The alert when at least one group is declared and none of them was mapped to a live group
    /// (<see cref="DriftResult.Mapping"/> is empty); null otherwise.
    /// </summary>
    /// <param name="declared">Declared groups of the run.</param>
    /// <param name="drift">The analysis of those groups against the live read.</param>
    /// <param name="where">Where the live side was read, used as the diagnostic's file (e.g. <c>aws:us-east-1</c> or the live file).</param>
    /// <returns>A <see cref="Diagnostic"/> for <c>alerts[]</c> naming the count, or null.</returns>
    public static Diagnostic? Alert(IReadOnlyCollection<SecurityGroup> declared, DriftResult drift, string where)
    {
        var count = declared.Select(g => g.Key).Distinct(StringComparer.Ordinal).Count();
        if (count == 0 || drift.Mapping.Count > 0) return null;
        return new Diagnostic(where, 0, string.Create(CultureInfo.InvariantCulture,
            $"none of the {count} declared security group(s) was found live: wrong account, region or endpoint, or ids that do not map to live groups? Not treated as in sync, and nothing is remediated"));
    }
}
