using DriftGuard.Cli.Commands;
using DriftGuard.Cli.GitHub;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;
using DriftGuard.GitHub.PullRequests;

namespace DriftGuard.Cli.Handlers;

/// <summary>Writes a finished report to every requested target, the one-line diagnostics to stderr, and the GitHub Actions extras.</summary>
internal sealed class ReportPublisher(CliContext context)
{
    /// <summary>
    /// Publishes <paramref name="report"/>; returns false (and says why) when a target could not be written.
    /// <paramref name="gitHubComment"/> (from <c>--github-comment</c>) also posts the sticky pull-request comment.
    /// </summary>
    public bool Publish(ScanReport report, IReadOnlyList<OutputTarget> targets, GitHubCommentFlags? gitHubComment = null)
    {
        foreach (var e in report.Errors) context.Error.WriteLine(e.ToCliLine("error"));
        var ok = true;
        foreach (var target in targets)
        {
            var writer = ReportWriters.Get(target.Format, context.CurrentDirectory);
            if (target.Path is null)
            {
                writer.Write(report, context.Out);
                context.Out.Flush();
                continue;
            }
            try
            {
                var path = context.Resolve(target.Path);
                var dir = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
                writer.Write(report, file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"error: {target.Path}: cannot write report: {ex.Message}");
                ok = false;
            }
        }

        if (new GitHubActionsOutput(context.CurrentDirectory).Write(report, context.Out, context.GetEnvironment) is { } summaryProblem)
            context.Error.WriteLine($"warning: {summaryProblem}");
        new GitHubPublishing(context).Publish(report, gitHubComment);
        return ok;
    }

    /// <summary>Validates requested formats before any work is done.</summary>
    public static string? CheckFormats(IReadOnlyList<OutputTarget> targets)
    {
        foreach (var t in targets)
            if (!ReportWriters.Formats.Contains(t.Format))
                return $"unknown --format '{t.Format}': use {string.Join(", ", ReportWriters.Formats)}";
        return null;
    }
}
