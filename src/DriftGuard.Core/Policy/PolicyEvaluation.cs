using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy;

/// <summary>Result of <see cref="PolicyEngine.Evaluate"/>.</summary>
/// <param name="Findings">Every failed policy result, waived ones included, sorted by file, line, policy id, resource, rule.</param>
/// <param name="Warnings">Expired waivers and skips for unknown policies; never part of the exit code.</param>
public sealed record PolicyEvaluation(IReadOnlyList<Finding> Findings, IReadOnlyList<Diagnostic> Warnings)
{
    /// <summary>Findings that count toward the exit code at <paramref name="threshold"/> (not waived, severity at or above it).</summary>
    public IEnumerable<Finding> Failing(Severity threshold) => Findings.Where(f => f.Fails(threshold));

    /// <summary>Number of waived findings, for the summary line ("3 failed, 1 waived").</summary>
    public int WaivedCount => Findings.Count(f => f.Waived);
}
