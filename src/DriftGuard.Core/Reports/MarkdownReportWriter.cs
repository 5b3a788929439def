using System.Globalization;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports.Markdown;

namespace DriftGuard.Core.Reports;

/// <summary>
/// Writes the Markdown report (format <c>markdown</c>) for pull-request comments and the GitHub step summary:
/// a summary line, a findings table, a drifts table, and warnings, errors, alerts and skipped files folded
/// in <c>&lt;details&gt;</c>. Every string that comes from IaC, AWS or a user goes through <see cref="MarkdownEscape"/>.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    /// <inheritdoc />
    public string Format => "markdown";

    /// <inheritdoc />
    public void Write(ScanReport report, TextWriter output)
    {
        var summary = ReportSummary.Of(report);
        output.Write($"## DriftGuard {MarkdownEscape.Inline(report.Command)}\n\n");
        output.Write(SummaryLine(report, summary) + "\n");

        var findings = ReportOrder.Sort(report.Findings);
        if (findings.Count > 0)
        {
            output.Write("\n### Findings\n\n| Severity | Policy | Resource | Rule | Location |\n|---|---|---|---|---|\n");
            foreach (var f in findings)
            {
                var severity = f.Waived ? $"{f.Severity.Name()} (waived: {MarkdownEscape.Inline(f.WaiverReason)})"
                             : f.WaiverExpired ? $"{f.Severity.Name()} (waiver expired)"
                             : f.Severity.Name();
                output.Write($"| {severity} | {Bold(f.PolicyId)} {MarkdownEscape.Inline(f.Title)} | {MarkdownEscape.Inline(f.Resource)} | " +
                             $"{MarkdownEscape.Inline(RuleText.Describe(f.Rule))} | {Location(f.File, f.Line)} |\n");
            }
        }

        var drifts = ReportOrder.Sort(report.Drifts);
        if (drifts.Count > 0)
        {
            output.Write("\n### Drifts\n\n| Severity | Kind | Group | Rule | Location | Detail |\n|---|---|---|---|---|---|\n");
            foreach (var d in drifts)
            {
                var severity = d.Accepted ? $"{d.Severity.Name()} (accepted)" : d.Severity.Name();
                var (file, line) = DriftLocations.Resolve(d, report);
                output.Write($"| {severity} | {d.Kind.Name()} | {MarkdownEscape.Inline(DriftMessages.Group(d))} | " +
                             $"{MarkdownEscape.Inline(d.Rule is null ? "" : RuleText.Describe(d.Rule))} | {Location(file, line)} | {Detail(d)} |\n");
            }
        }

        Details(output, "error", report.Errors);
        Details(output, "alert", report.Alerts);
        Details(output, "warning", report.Warnings);
        if (report.Skipped.Count > 0)
        {
            output.Write($"\n<details><summary>{Count(report.Skipped.Count, "skipped file")}</summary>\n\n");
            foreach (var s in ReportOrder.Sort(report.Skipped)) output.Write($"- {MarkdownEscape.Inline(s)}\n");
            output.Write("\n</details>\n");
        }
    }

    /// <summary>
    /// <c>❌ 3 failed, 1 waived, 2 drifts, 12 groups</c> when something fails the run; <c>⚠️ …</c> when there are
    /// findings or drifts below the threshold or input errors; <c>✅ no findings, 12 groups</c> otherwise.
    /// </summary>
    public static string SummaryLine(ScanReport report, ReportSummary summary)
    {
        var openDrifts = summary.Drifts - summary.AcceptedDrifts;
        var parts = new List<string>();
        if (summary.Failed > 0) parts.Add($"{summary.Failed} failed");
        var belowThreshold = summary.Findings - summary.Failed - summary.Waived;
        if (belowThreshold > 0) parts.Add($"{belowThreshold} below {ReportSummary.ThresholdName(report.FailOn)}");
        if (summary.Waived > 0) parts.Add($"{summary.Waived} waived");
        if (summary.Drifts > 0) parts.Add(Count(summary.Drifts, "drift") + (summary.AcceptedDrifts > 0 ? $" ({summary.AcceptedDrifts} accepted)" : ""));
        if (report.Errors.Count > 0) parts.Add(Count(report.Errors.Count, "error"));
        if (report.Alerts.Count > 0) parts.Add(Count(report.Alerts.Count, "alert"));
        parts.Add(Count(summary.Groups, "group"));

        var icon = summary.Failed > 0 || report.ExitCode == ExitCodes.Findings ? "❌"
                 : report.Errors.Count > 0 || report.Alerts.Count > 0 || belowThreshold > 0 || openDrifts > 0 ? "⚠️"
                 : "✅";
        if (summary.Findings == 0 && summary.Drifts == 0) parts.Insert(0, "no findings");
        return $"{icon} {string.Join(", ", parts)}";
    }

    /// <summary>Rule id, the description change of a <c>changed</c> drift, and the policies the drifted rule fails.</summary>
    private static string Detail(DriftItem d)
    {
        var parts = new List<string>();
        if (d.Rule?.RuleId is { } ruleId) parts.Add(MarkdownEscape.Inline(ruleId));
        if (d.Kind != DriftKind.Changed && !string.IsNullOrEmpty(d.Rule?.Description))
            parts.Add($"\"{MarkdownEscape.Inline(d.Rule.Description)}\"");
        if (d.Kind == DriftKind.Changed)
            parts.Add($"description \"{MarkdownEscape.Inline(d.DeclaredDescription)}\" in IaC, \"{MarkdownEscape.Inline(d.LiveDescription)}\" live");
        parts.AddRange(ReportOrder.Sort(d.Findings).Select(f => Bold(f.PolicyId) + (f.Waived ? " (waived)" : "")));
        return string.Join("; ", parts);
    }

    private static void Details(TextWriter output, string label, IReadOnlyList<Diagnostic> diagnostics)
    {
        if (diagnostics.Count == 0) return;
        output.Write($"\n<details><summary>{Count(diagnostics.Count, label)}</summary>\n\n");
        foreach (var d in ReportOrder.Sort(diagnostics))
            output.Write($"- {Location(d.File, d.Line)}: {MarkdownEscape.Inline(d.Message)}\n");
        output.Write("\n</details>\n");
    }

    private static string Location(string? file, int line) =>
        file is null ? "" : line > 0 ? $"{MarkdownEscape.Inline(file)}:{line.ToString(CultureInfo.InvariantCulture)}" : MarkdownEscape.Inline(file);

    // Policy ids are ours, but pass through the escaper anyway: a user policy file can name them.
    private static string Bold(string id) => $"**{MarkdownEscape.Inline(id)}**";

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
