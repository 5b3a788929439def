using System.Text;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports.GitHub;

namespace DriftGuard.Core.Reports;

/// <summary>What <see cref="GitHubActionsOutput.AppendStepSummary"/> did.</summary>
/// <param name="BytesWritten">UTF-8 bytes appended to the summary file.</param>
/// <param name="Truncated">True when the report was cut to stay under the size limit.</param>
public sealed record StepSummaryResult(long BytesWritten, bool Truncated);

/// <summary>
/// GitHub Actions output of a report: workflow-command annotations on stdout (unwaived findings and unaccepted
/// drifts; error for critical/high, warning for medium, notice for low; at most 10 per level per step, the rest
/// counted in one plain log line) and the Markdown report appended to <c>$GITHUB_STEP_SUMMARY</c> under 1 MiB.
/// </summary>
/// <remarks>
/// Limits: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands (10 error and
/// 10 warning annotations per step) and the job summary limit of 1 MiB per step
/// (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary).
/// </remarks>
/// <param name="baseDirectory">Directory annotation file paths are made relative to (the workspace); null = current directory.</param>
public sealed class GitHubActionsOutput(string? baseDirectory = null)
{
    /// <summary>Annotations GitHub shows per level per step; more are dropped by GitHub.</summary>
    public const int MaxAnnotationsPerLevel = 10;

    /// <summary>Size limit of one step's summary, in bytes.</summary>
    public const int MaxStepSummaryBytes = 1024 * 1024;

    /// <summary>The line appended when the step summary had to be cut.</summary>
    public const string TruncationNote =
        "\n\n> ⚠️ DriftGuard truncated this report to stay under GitHub's 1 MiB step-summary limit. Use `--format json` or `--format sarif` for the full report.\n";

    /// <summary>True when running inside GitHub Actions (<c>GITHUB_ACTIONS=true</c>).</summary>
    public static bool IsGitHubActions(Func<string, string?> environment) =>
        string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Annotation level of a severity: critical/high → error, medium → warning, low and none → notice.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "notice",
    };

    /// <summary>
    /// Writes annotations and the step summary when <paramref name="environment"/> says this is GitHub Actions;
    /// does nothing otherwise. The summary is written only when <c>GITHUB_STEP_SUMMARY</c> is set.
    /// </summary>
    /// <returns>
    /// Null, or one line saying why the step summary could not be written (missing folder, no permission, disk full):
    /// a warning for the caller to print, never a reason to change the exit code.
    /// </returns>
    public string? Write(ScanReport report, TextWriter stdout, Func<string, string?> environment)
    {
        if (!IsGitHubActions(environment)) return null;
        WriteAnnotations(report, stdout);
        var summaryPath = environment("GITHUB_STEP_SUMMARY");
        if (string.IsNullOrEmpty(summaryPath)) return null;
        try
        {
            AppendStepSummary(report, summaryPath);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"GITHUB_STEP_SUMMARY {summaryPath}: job summary not written: {ex.Message}";
        }
    }

    /// <summary>Writes one annotation per unwaived finding and unaccepted drift, most severe first, capped per level.</summary>
    public void WriteAnnotations(ScanReport report, TextWriter stdout)
    {
        var annotations = ReportOrder.Sort(report.Findings).Where(f => !f.Waived)
            .Select(f => (Level: Level(f.Severity), f.File, Line: (int?)f.Line, Title: $"{f.PolicyId} {f.Title}",
                          Message: $"{(f.Message.Length > 0 ? f.Message : f.Title)} ({f.Resource}: {RuleText.Describe(f.Rule)})"))
            .Concat(ReportOrder.Sort(report.Drifts).Where(d => !d.Accepted)
            .Select(d => (Drift: d, Location: DriftLocations.Resolve(d, report)))
            .Select(x => (Level: Level(x.Drift.Severity), x.Location.File, Line: (int?)x.Location.Line,
                          Title: $"{Sarif.DriftRules.Id(x.Drift.Kind)} drift", Message: DriftMessages.Describe(x.Drift))));

        var shown = new Dictionary<string, int>();
        var dropped = new Dictionary<string, int>();
        foreach (var a in annotations)
        {
            var count = shown.GetValueOrDefault(a.Level);
            if (count >= MaxAnnotationsPerLevel)
            {
                dropped[a.Level] = dropped.GetValueOrDefault(a.Level) + 1;
                continue;
            }
            shown[a.Level] = count + 1;
            stdout.Write(WorkflowCommand.Annotation(a.Level, a.File is null ? null : RelativePath(a.File), a.Line, a.Title, a.Message) + "\n");
        }

        if (dropped.Count > 0)
        {
            var parts = new[] { "error", "warning", "notice" }.Where(dropped.ContainsKey).Select(l => $"{dropped[l]} {l}{(dropped[l] == 1 ? "" : "s")}");
            stdout.Write($"DriftGuard: {string.Join(", ", parts)} not annotated (GitHub shows at most {MaxAnnotationsPerLevel} per level per step); see the job summary.\n");
        }
    }

    /// <summary>
    /// Appends the Markdown report to the file at <paramref name="path"/>, keeping the file under
    /// <paramref name="maxBytes"/> (default 1 MiB) in total: a report that does not fit is cut at a line boundary
    /// and ends with <see cref="TruncationNote"/>.
    /// </summary>
    public StepSummaryResult AppendStepSummary(ScanReport report, string path, int maxBytes = MaxStepSummaryBytes)
    {
        var markdown = new StringWriter();
        new MarkdownReportWriter().Write(report, markdown);
        var text = markdown.ToString();

        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        var budget = maxBytes - 1 - existing; // strictly under the limit
        var truncated = false;
        if (Encoding.UTF8.GetByteCount(text) > budget)
        {
            truncated = true;
            text = CutToFit(text, budget - Encoding.UTF8.GetByteCount(TruncationNote)) + TruncationNote;
            if (Encoding.UTF8.GetByteCount(text) > budget) text = ""; // not even the note fits
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
            stream.Write(bytes);
        return new StepSummaryResult(bytes.Length, truncated);
    }

    /// <summary>The longest run of whole lines of <paramref name="text"/> that fits in <paramref name="budget"/> UTF-8 bytes.</summary>
    private static string CutToFit(string text, long budget)
    {
        if (budget <= 0) return "";
        var used = 0L;
        var end = 0;
        while (end < text.Length)
        {
            var next = text.IndexOf('\n', end);
            next = next < 0 ? text.Length : next + 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(end, next - end));
            if (used + size > budget) break;
            used += size;
            end = next;
        }
        return text[..end];
    }

    private string RelativePath(string file)
    {
        var root = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());
        return Path.GetRelativePath(root, Path.GetFullPath(file.Replace('\\', '/'), root)).Replace('\\', '/');
    }
}
