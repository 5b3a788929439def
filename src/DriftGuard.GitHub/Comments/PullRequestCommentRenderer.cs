using System.Globalization;
using System.Text;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;

namespace DriftGuard.GitHub.Comments;

/// <summary>
/// Renders a report as DriftGuard's sticky pull-request comment: the hidden marker, a heading, the summary line, a
/// findings table and a drifts table (with links to file and line at the head commit), details folded in
/// <c>&lt;details&gt;</c>, and a footer. The body always stays under <see cref="MaxCommentChars"/>; rows that do not
/// fit are left out and counted in a note. Every untrusted string goes through <see cref="CommentText.Inline"/>.
/// </summary>
/// <param name="links">File links, or null for plain locations.</param>
/// <param name="currentDirectory">Directory the report's relative file paths start from.</param>
public sealed class PullRequestCommentRenderer(BlobLinks? links, string currentDirectory)
{
    /// <summary>GitHub's limit on an issue or pull-request comment body, in characters.</summary>
    public const int MaxCommentChars = 65_536;

    // Room kept for the truncation note and footer, which are written after the budget is spent.
    private const int Reserve = 600;

    /// <summary>Renders <paramref name="report"/>; <paramref name="maxChars"/> exists for tests (the body is strictly shorter).</summary>
    public string Render(ScanReport report, int maxChars = MaxCommentChars)
    {
        var summary = ReportSummary.Of(report);
        var head = new StringBuilder()
            .Append(CommentMarkers.For(report.Command)).Append('\n')
            .Append("## DriftGuard ").Append(CommentText.Inline(report.Command)).Append("\n\n")
            .Append(MarkdownReportWriter.SummaryLine(report, summary)).Append('\n');

        var findings = ReportOrder.Sort(report.Findings);
        var drifts = ReportOrder.Sort(report.Drifts);
        var budget = maxChars - 1 - Reserve - head.Length;
        var body = new StringBuilder();

        var shownFindings = Section(body, ref budget, findings,
            "\n### Findings\n\n| Severity | Policy | Resource | Rule | Location |\n|---|---|---|---|---|\n", FindingRow);
        var shownDrifts = Section(body, ref budget, drifts,
            "\n### Drifts\n\n| Severity | Kind | Group | Rule | Location |\n|---|---|---|---|---|\n", d => DriftRow(d, report));

        // Details of what the tables show, folded; only as many as still fit.
        var details = findings.Take(shownFindings).Select(FindingDetail)
            .Concat(drifts.Take(shownDrifts).Select(d => "- " + CommentText.Inline(DriftMessages.Describe(d)) + "\n"))
            .Concat(report.Errors.Select(e => DiagnosticLine("error", e)))
            .Concat(report.Alerts.Select(a => DiagnosticLine("alert", a)))
            .ToList();
        var shownDetails = 0;
        if (details.Count > 0)
        {
            const string open = "\n<details><summary>Details</summary>\n\n", close = "\n</details>\n";
            if (budget > open.Length + close.Length)
            {
                budget -= open.Length + close.Length;
                body.Append(open);
                foreach (var line in details)
                {
                    if (line.Length > budget) break;
                    body.Append(line);
                    budget -= line.Length;
                    shownDetails++;
                }
                body.Append(close);
            }
        }

        var note = TruncationNote(findings.Count - shownFindings, drifts.Count - shownDrifts, details.Count - shownDetails);
        var footer = $"\n<sub>DriftGuard {CommentText.Inline(report.ToolVersion)} · {CommentText.Inline(report.Command)} · " +
                     $"{report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}</sub>\n";
        var text = head.Append(body).Append(note).Append(footer).ToString();
        return text.Length < maxChars ? text : text[..(maxChars - 1)]; // only reachable with absurdly small limits
    }

    /// <summary>Appends the section header and as many rows as fit; returns how many rows it wrote.</summary>
    private static int Section<T>(StringBuilder body, ref int budget, IReadOnlyList<T> items, string header, Func<T, string> row)
    {
        if (items.Count == 0 || header.Length > budget) return 0;
        body.Append(header);
        budget -= header.Length;
        var shown = 0;
        foreach (var item in items)
        {
            var line = row(item);
            if (line.Length > budget) break;
            body.Append(line);
            budget -= line.Length;
            shown++;
        }
        return shown;
    }

    private string FindingRow(Finding f)
    {
        var severity = f.Waived ? $"{f.Severity.Name()} (waived)" : f.WaiverExpired ? $"{f.Severity.Name()} (waiver expired)" : f.Severity.Name();
        return $"| {severity} | **{CommentText.Inline(f.PolicyId)}** {CommentText.Inline(f.Title)} | {CommentText.Inline(f.Resource)} | " +
               $"{CommentText.Inline(RuleText.Describe(f.Rule))} | {Location(f.File, f.Line)} |\n";
    }

    private string DriftRow(DriftItem d, ScanReport report)
    {
        var severity = d.Accepted ? $"{d.Severity.Name()} (accepted)" : d.Severity.Name();
        var (file, line) = DriftLocations.Resolve(d, report);
        return $"| {severity} | {d.Kind.Name()} | {CommentText.Inline(DriftMessages.Group(d))} | " +
               $"{CommentText.Inline(d.Rule is null ? "group" : RuleText.Describe(d.Rule))} | {Location(file, line)} |\n";
    }

    private static string FindingDetail(Finding f)
    {
        var sb = new StringBuilder("- **").Append(CommentText.Inline(f.PolicyId)).Append("** ")
            .Append(CommentText.Inline(f.Resource)).Append(": ")
            .Append(CommentText.Inline(f.Message.Length > 0 ? f.Message : f.Title));
        if (f.Controls.Count > 0) sb.Append(" Controls: ").Append(CommentText.Inline(string.Join(", ", f.Controls))).Append('.');
        if (f.WaiverReason is not null)
            sb.Append(f.WaiverExpired ? " Expired waiver: " : " Waived: ").Append(CommentText.Inline(f.WaiverReason));
        return sb.Append('\n').ToString();
    }

    private string DiagnosticLine(string label, Diagnostic d) =>
        $"- {label}: {Location(d.File, d.Line)}: {CommentText.Inline(d.Message)}\n";

    private string Location(string? file, int line)
    {
        if (file is null) return "";
        var text = CommentText.Inline(line > 0 ? $"{file}:{line.ToString(CultureInfo.InvariantCulture)}" : file);
        var url = links?.For(file, line, currentDirectory);
        return url is null ? text : $"[{text}]({url})";
    }

    private static string TruncationNote(int findings, int drifts, int details)
    {
        if (findings == 0 && drifts == 0 && details == 0) return "";
        var parts = new List<string>();
        if (findings > 0) parts.Add(Count(findings, "finding"));
        if (drifts > 0) parts.Add(Count(drifts, "drift"));
        var what = parts.Count > 0 ? string.Join(" and ", parts) + " not shown" : Count(details, "detail") + " not shown";
        return $"\n> ⚠️ {what}: GitHub limits a comment to {MaxCommentChars.ToString("N0", CultureInfo.InvariantCulture)} characters. " +
               "See the job summary or the SARIF and JSON reports for everything.\n";
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
