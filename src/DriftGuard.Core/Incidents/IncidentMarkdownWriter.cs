using DriftGuard.Core.Reports.Markdown;

namespace DriftGuard.Core.Incidents;

/// <summary>
/// The incident report as GitHub-flavoured Markdown (also readable as plain text): period summary, then one
/// section per incident with the nine answers in a table and the timings. Every value from the ledger or CloudTrail
/// goes through <see cref="MarkdownEscape.Inline"/>.
/// </summary>
public static class IncidentMarkdownWriter
{
    /// <summary>Writes <paramref name="report"/>.</summary>
    public static void Write(IncidentReport report, TextWriter w)
    {
        var s = report.Summary;
        w.WriteLine("# DriftGuard incident report");
        w.WriteLine();
        w.WriteLine($"Period: {(report.Since is null ? "everything recorded" : DurationText.Time(report.Since))} to {DurationText.Time(report.Until)}. Generated {DurationText.Time(report.GeneratedAt)}.");
        if (report.Sources.Count > 0) w.WriteLine($"Sources: {string.Join(", ", report.Sources.Select(MarkdownEscape.Inline))}.");
        w.WriteLine();
        w.WriteLine("## Summary");
        w.WriteLine();
        w.WriteLine($"- Incidents: {s.Incidents} ({s.Open} open, {s.Remediated} remediated and verified)");
        w.WriteLine($"- By severity: {(s.BySeverity.Count == 0 ? "none" : string.Join(", ", s.BySeverity.Select(kv => $"{kv.Key} {kv.Value}")))}");
        w.WriteLine($"- By control: {(s.ByControl.Count == 0 ? "none" : string.Join(", ", s.ByControl.Select(kv => $"{MarkdownEscape.Inline(kv.Key)} {kv.Value}")))}");
        w.WriteLine($"- Time to detect: median {DurationText.Format(s.MedianTimeToDetect)}, p90 {DurationText.Format(s.P90TimeToDetect)}");
        w.WriteLine($"- Time to remediate (MTTR): median {DurationText.Format(s.MedianTimeToRemediate)}, p90 {DurationText.Format(s.P90TimeToRemediate)}");
        foreach (var p in report.Problems) w.WriteLine($"- Warning: {MarkdownEscape.Inline(p.ToCliLine("warning"))}");
        foreach (var i in report.Incidents)
        {
            w.WriteLine();
            w.WriteLine($"## {MarkdownEscape.Inline(i.Severity.ToUpperInvariant())}: {MarkdownEscape.Inline(i.Change)}");
            w.WriteLine();
            w.WriteLine($"Incident `{i.Id}`{(i.VerifiedAt is null ? " (open)" : "")}");
            w.WriteLine();
            w.WriteLine("| Question | Answer |");
            w.WriteLine("|---|---|");
            foreach (var (q, a) in IncidentText.Answers(i)) w.WriteLine($"| {q} | {MarkdownEscape.Inline(a)} |");
            w.WriteLine($"| Time to detect | {DurationText.Format(i.TimeToDetect)} |");
            w.WriteLine($"| Time to remediate | {(i.TimeToRemediate is null ? "open" : DurationText.Format(i.TimeToRemediate))} |");
        }
        if (report.Incidents.Count == 0)
        {
            w.WriteLine();
            w.WriteLine("No incidents in this period.");
        }
    }
}
