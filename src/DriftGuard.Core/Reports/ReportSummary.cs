using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Reports;

/// <summary>
/// The counts every format prints, computed once from a <see cref="ScanReport"/> so the formats never disagree.
/// </summary>
/// <param name="Findings">All policy findings, waived ones included.</param>
/// <param name="Failed">Unwaived findings at or above <see cref="ScanReport.FailOn"/>.</param>
/// <param name="Waived">Findings covered by a valid waiver.</param>
/// <param name="BySeverity">Every finding (waived included) by severity; all four severities always present.</param>
/// <param name="Drifts">All drifts, accepted ones included.</param>
/// <param name="AcceptedDrifts">Drifts accepted by a baseline file.</param>
/// <param name="DriftsByKind">Drifts by kind; all five kinds always present.</param>
/// <param name="Groups">Declared groups evaluated.</param>
/// <param name="Files">IaC inputs read.</param>
public sealed record ReportSummary(int Findings, int Failed, int Waived, IReadOnlyDictionary<Severity, int> BySeverity,
                                   int Drifts, int AcceptedDrifts, IReadOnlyDictionary<DriftKind, int> DriftsByKind,
                                   int Groups, int Files)
{
    /// <summary>The severities reported, most severe first.</summary>
    public static readonly IReadOnlyList<Severity> ReportedSeverities = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low];

    /// <summary>Computes the summary of <paramref name="report"/>.</summary>
    public static ReportSummary Of(ScanReport report) => new(
        report.Findings.Count,
        report.Findings.Count(f => f.Fails(report.FailOn)),
        report.Findings.Count(f => f.Waived),
        ReportedSeverities.ToDictionary(s => s, s => report.Findings.Count(f => f.Severity == s)),
        report.Drifts.Count,
        report.Drifts.Count(d => d.Accepted),
        Enum.GetValues<DriftKind>().ToDictionary(k => k, k => report.Drifts.Count(d => d.Kind == k)),
        report.Groups.Count,
        report.Inputs.Count);

    /// <summary>
    /// Name of a <c>--fail-on</c> threshold: <c>critical</c>…<c>low</c>, <c>none</c>, or <c>never</c> for the
    /// sentinel above every severity that <see cref="Severities.TryParseThreshold"/> returns for <c>never</c>.
    /// </summary>
    public static string ThresholdName(Severity threshold) =>
        threshold > Severity.Critical ? "never" : threshold.Name();
}
