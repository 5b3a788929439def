using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Reports;

/// <summary>
/// The one sort order every writer prints in, so output is byte-for-byte stable across runs:
/// severity descending, then file, line, policy id (or drift kind), group, rule key — all ordinal.
/// Items without a file sort after those with one.
/// </summary>
public static class ReportOrder
{
    /// <summary>Findings: severity desc, file, line, policy id, group key, rule key.</summary>
    public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) =>
        [.. findings.OrderByDescending(f => f.Severity)
                    .ThenBy(f => f.File is null ? 1 : 0)
                    .ThenBy(f => f.File ?? "", StringComparer.Ordinal)
                    .ThenBy(f => f.Line)
                    .ThenBy(f => f.PolicyId, StringComparer.Ordinal)
                    .ThenBy(f => f.Group.Key, StringComparer.Ordinal)
                    .ThenBy(f => RuleText.Key(f.Rule), StringComparer.Ordinal)];

    /// <summary>Drifts: severity desc, file, line, kind, group, rule key.</summary>
    public static IReadOnlyList<DriftItem> Sort(IEnumerable<DriftItem> drifts) =>
        [.. drifts.OrderByDescending(d => d.Severity)
                  .ThenBy(d => d.File is null ? 1 : 0)
                  .ThenBy(d => d.File ?? "", StringComparer.Ordinal)
                  .ThenBy(d => d.Line ?? 0)
                  .ThenBy(d => d.Kind)
                  .ThenBy(d => GroupLabel(d), StringComparer.Ordinal)
                  .ThenBy(d => RuleText.Key(d.Rule), StringComparer.Ordinal)];

    /// <summary>Diagnostics: file, line, message.</summary>
    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.File, StringComparer.Ordinal)
                       .ThenBy(d => d.Line)
                       .ThenBy(d => d.Message, StringComparer.Ordinal)];

    /// <summary>Plain strings (skipped files, inputs), ordinal.</summary>
    public static IReadOnlyList<string> Sort(IEnumerable<string> values) =>
        [.. values.OrderBy(v => v, StringComparer.Ordinal)];

    /// <summary>How a drift's group is named in reports: the <c>sg-</c> id, else the IaC resource, else the rule's group key.</summary>
    public static string GroupLabel(DriftItem drift) => drift.GroupId ?? drift.Resource ?? drift.Rule?.Group ?? "";
}
