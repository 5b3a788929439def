using System.Globalization;
using System.Net;
using System.Text;

namespace DriftGuard.Core.Incidents;

/// <summary>
/// The incident report as one self-contained HTML5 file: inline CSS, one inline SVG timeline per incident, no
/// scripts, fonts, images or links to anything outside the file, so it can be opened anywhere or attached to a
/// ticket. Every value is HTML-encoded.
/// </summary>
public static class IncidentHtmlWriter
{
    private const string Css = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:70rem;color:#1f2328;padding:0 1rem}
        h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
        table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border:1px solid #d0d7de;padding:.35rem .55rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa;width:16rem}.sev{display:inline-block;padding:.05rem .5rem;border-radius:1rem;color:#fff;font-size:.8rem;text-transform:uppercase}
        .critical{background:#8b0000}.high{background:#cf222e}.medium{background:#bf8700}.low{background:#57606a}.none{background:#57606a}
        .kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{border:1px solid #d0d7de;border-radius:.4rem;padding:.6rem 1rem;min-width:10rem}
        .kpi b{display:block;font-size:1.3rem}.muted{color:#57606a}svg{width:100%;height:auto;max-width:60rem}
        """;

    /// <summary>Writes <paramref name="report"/>.</summary>
    public static void Write(IncidentReport report, TextWriter w)
    {
        var s = report.Summary;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>DriftGuard incident report</title><style>")
          .Append(Css).Append("</style></head><body>\n");
        sb.Append("<h1>DriftGuard incident report</h1>\n<p class=\"muted\">Period: ")
          .Append(E(report.Since is null ? "everything recorded" : DurationText.Time(report.Since))).Append(" to ").Append(E(DurationText.Time(report.Until)))
          .Append(". Generated ").Append(E(DurationText.Time(report.GeneratedAt))).Append(".</p>\n");
        sb.Append("<h2>Summary</h2>\n<div class=\"kpi\">")
          .Append(Kpi("Incidents", s.Incidents.ToString(CultureInfo.InvariantCulture)))
          .Append(Kpi("Open", s.Open.ToString(CultureInfo.InvariantCulture)))
          .Append(Kpi("Median time to detect", DurationText.Format(s.MedianTimeToDetect)))
          .Append(Kpi("Median time to remediate (MTTR)", DurationText.Format(s.MedianTimeToRemediate)))
          .Append(Kpi("p90 time to remediate", DurationText.Format(s.P90TimeToRemediate)))
          .Append("</div>\n");
        sb.Append("<table><tr><th>By severity</th><td>")
          .Append(E(s.BySeverity.Count == 0 ? "none" : string.Join(", ", s.BySeverity.Select(kv => $"{kv.Key} {kv.Value}"))))
          .Append("</td></tr><tr><th>By control</th><td>")
          .Append(E(s.ByControl.Count == 0 ? "none" : string.Join(", ", s.ByControl.Select(kv => $"{kv.Key} {kv.Value}"))))
          .Append("</td></tr><tr><th>Time to detect</th><td>median ").Append(E(DurationText.Format(s.MedianTimeToDetect)))
          .Append(", p90 ").Append(E(DurationText.Format(s.P90TimeToDetect))).Append("</td></tr></table>\n");
        foreach (var p in report.Problems) sb.Append("<p class=\"muted\">Warning: ").Append(E(p.ToCliLine("warning"))).Append("</p>\n");
        if (report.Incidents.Count == 0) sb.Append("<p>No incidents in this period.</p>\n");
        foreach (var i in report.Incidents)
        {
            sb.Append("<section><h2><span class=\"sev ").Append(E(i.Severity)).Append("\">").Append(E(i.Severity)).Append("</span> ")
              .Append(E(i.Change)).Append("</h2>\n<p class=\"muted\">Incident ").Append(E(i.Id)).Append(i.VerifiedAt is null ? " (open)" : "").Append("</p>\n");
            sb.Append(Timeline(i, report.Until));
            sb.Append("<table>");
            foreach (var (q, a) in IncidentText.Answers(i)) sb.Append("<tr><th>").Append(E(q)).Append("</th><td>").Append(E(a)).Append("</td></tr>");
            sb.Append("<tr><th>Time to detect</th><td>").Append(E(DurationText.Format(i.TimeToDetect))).Append("</td></tr>")
              .Append("<tr><th>Time to remediate</th><td>").Append(E(i.TimeToRemediate is null ? "open" : DurationText.Format(i.TimeToRemediate))).Append("</td></tr>");
            sb.Append("</table></section>\n");
        }
        sb.Append("</body></html>\n");
        w.Write(sb.ToString());
    }

    /// <summary>An inline SVG: a time axis from occurrence (else detection) to verification (else the report time), with the exposure before detection in red and the time to remediate in amber.</summary>
    internal static string Timeline(Incident i, DateTimeOffset now)
    {
        var marks = new List<(string Label, DateTimeOffset At, string Color)>();
        if (i.OccurredAt is { } o) marks.Add(("occurred", o, "#8b0000"));
        marks.Add(("detected", i.DetectedAt, "#cf222e"));
        if (i.FlaggedAt != i.DetectedAt) marks.Add(($"flagged {i.Severity}", i.FlaggedAt, "#cf222e"));
        if (i.RemediatedAt is { } r) marks.Add(("remediated", r, "#1a7f37"));
        if (i.VerifiedAt is { } v) marks.Add(("verified", v, "#1a7f37"));
        else marks.Add(("now (open)", now, "#57606a"));
        var start = marks.Min(m => m.At);
        var end = marks.Max(m => m.At);
        var span = Math.Max((end - start).TotalMilliseconds, 1);
        const double left = 80, width = 740;
        double X(DateTimeOffset t) => left + (t - start).TotalMilliseconds / span * width;
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 900 120\" role=\"img\" aria-label=\"Timeline of incident ").Append(E(i.Id)).Append("\">");
        sb.Append(c, $"<line x1=\"{left}\" y1=\"60\" x2=\"{left + width}\" y2=\"60\" stroke=\"#d0d7de\" stroke-width=\"2\"/>");
        var detectFrom = i.OccurredAt ?? i.DetectedAt;
        sb.Append(c, $"<rect x=\"{X(detectFrom):0.#}\" y=\"54\" width=\"{Math.Max(X(i.DetectedAt) - X(detectFrom), 1):0.#}\" height=\"12\" fill=\"#cf222e\" opacity=\".75\"><title>time to detect {E(DurationText.Format(i.TimeToDetect))}</title></rect>");
        var fixedAt = i.VerifiedAt ?? now;
        sb.Append(c, $"<rect x=\"{X(i.DetectedAt):0.#}\" y=\"54\" width=\"{Math.Max(X(fixedAt) - X(i.DetectedAt), 1):0.#}\" height=\"12\" fill=\"{(i.VerifiedAt is null ? "#bf8700" : "#2da44e")}\" opacity=\".6\"><title>time to remediate {E(i.TimeToRemediate is null ? "open" : DurationText.Format(i.TimeToRemediate))}</title></rect>");
        for (var k = 0; k < marks.Count; k++)
        {
            var (label, at, color) = marks[k];
            var x = X(at);
            var above = k % 2 == 0;
            sb.Append(c, $"<circle cx=\"{x:0.#}\" cy=\"60\" r=\"6\" fill=\"{color}\"/>");
            sb.Append(c, $"<text x=\"{x:0.#}\" y=\"{(above ? 30 : 92)}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1f2328\">{E(label)}</text>");
            sb.Append(c, $"<text x=\"{x:0.#}\" y=\"{(above ? 44 : 106)}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">{E(at.UtcDateTime.ToString("MM-dd HH:mm:ss.fff", c))}</text>");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Kpi(string label, string value) => $"<div><span class=\"muted\">{E(label)}</span><b>{E(value)}</b></div>";

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
