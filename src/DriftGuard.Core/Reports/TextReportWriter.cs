using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports.Text;

namespace DriftGuard.Core.Reports;

/// <summary>
/// Writes the terminal report (format <c>text</c>): aligned columns SEVERITY POLICY RESOURCE RULE LOCATION, most
/// severe first; a drifts table for <c>check</c>; the summary line
/// <c>N findings (N failed at ≥ high, N waived) in N groups from N files</c>; then the number of errors (the CLI prints
/// each error once, on standard error, so a text report on the terminal does not repeat them), and one line per alert,
/// warning and skipped file in the compiler form <c>warning: FILE:LINE: message</c>.
/// </summary>
public sealed class TextReportWriter : IReportWriter
{
    /// <inheritdoc />
    public string Format => "text";

    /// <inheritdoc />
    public void Write(ScanReport report, TextWriter output)
    {
        var summary = ReportSummary.Of(report);
        var findings = ReportOrder.Sort(report.Findings);
        if (findings.Count > 0)
        {
            var table = new TextTable("SEVERITY", "POLICY", "RESOURCE", "RULE", "LOCATION");
            foreach (var f in findings)
            {
                var severity = f.Severity.Name() + (f.Waived ? " (waived)" : f.WaiverExpired ? " (waiver expired)" : "");
                table.Add(severity, f.PolicyId, f.Resource, RuleText.Describe(f.Rule), Location(f.File, f.Line));
            }
            table.WriteTo(output);
            output.Write('\n');
        }

        var drifts = ReportOrder.Sort(report.Drifts);
        if (drifts.Count > 0)
        {
            var table = new TextTable("SEVERITY", "KIND", "GROUP", "RULE", "LOCATION");
            foreach (var d in drifts)
            {
                var (file, line) = DriftLocations.Resolve(d, report);
                var waived = d.Findings.Count(f => f.Waived);
                table.Add(d.Severity.Name() + (d.Accepted ? " (accepted)" : "") + (waived > 0 ? $" ({waived} waived)" : ""), d.Kind.Name(),
                          DriftMessages.Group(d), d.Rule is null ? "" : RuleText.Describe(d.Rule), Location(file, line));
            }
            table.WriteTo(output);
            output.Write('\n');
            // A waiver lowers a drift's severity; it is never hidden: each waived finding with its reason.
            foreach (var d in drifts)
                foreach (var f in d.Findings.Where(f => f.Waived))
                    output.Write(TextTable.Sanitize($"waived: {f.PolicyId} ({f.Severity.Name()}) on {DriftMessages.Group(d)} {(d.Rule is null ? "" : RuleText.Describe(d.Rule))}: {f.WaiverReason}") + "\n");
        }

        output.Write(SummaryLine(report, summary) + "\n");

        if (report.Errors.Count > 0) output.Write($"{Count(report.Errors.Count, "error")} (printed on standard error)\n");
        foreach (var d in ReportOrder.Sort(report.Alerts)) output.Write(CliLine("alert", d) + "\n");
        foreach (var d in ReportOrder.Sort(report.Warnings)) output.Write(CliLine("warning", d) + "\n");
        foreach (var s in ReportOrder.Sort(report.Skipped)) output.Write($"skipped: {TextTable.Sanitize(s)}\n");
    }

    /// <summary>
    /// <c>3 findings (2 failed at ≥ high, 1 waived) in 12 groups from 4 files</c>, followed for <c>check</c> by
    /// <c>; 5 drifts (1 accepted)</c>.
    /// </summary>
    public static string SummaryLine(ScanReport report, ReportSummary summary)
    {
        if (report.Command != "gate")
        {
            // Drift commands lead with drift: their findings live inside the drifts, so "0 findings" would mislead.
            var failing = report.Drifts.Count(d => !d.Accepted && d.Severity >= report.FailOn);
            var drift = $"{Count(summary.Drifts, "drift")} ({failing} at ≥ {ReportSummary.ThresholdName(report.FailOn)}, {summary.AcceptedDrifts} accepted) " +
                        $"in {Count(summary.Groups, "group")} from {Count(summary.Files, "file")}";
            return summary.Findings == 0 ? drift
                : drift + $"; {Count(summary.Findings, "finding")} ({summary.Failed} failed, {summary.Waived} waived)";
        }
        var line = $"{Count(summary.Findings, "finding")} ({summary.Failed} failed at ≥ {ReportSummary.ThresholdName(report.FailOn)}, " +
                   $"{summary.Waived} waived) in {Count(summary.Groups, "group")} from {Count(summary.Files, "file")}";
        if (summary.Drifts > 0 || report.Command == "check")
            line += $"; {Count(summary.Drifts, "drift")} ({summary.AcceptedDrifts} accepted)";
        return line;
    }

    private static string CliLine(string level, Diagnostic d) =>
        TextTable.Sanitize(d.ToCliLine(level));

    private static string Location(string? file, int line) => file is null ? "" : line > 0 ? $"{file}:{line}" : file;

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
