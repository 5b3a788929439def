using DriftGuard.Core.Reports;
using DriftGuard.GitHub.Actions;
using DriftGuard.GitHub.PullRequests;

namespace DriftGuard.Cli.GitHub;

/// <summary>
/// The GitHub side of publishing a report, called by <c>ReportPublisher</c> for every command: step outputs
/// (<c>$GITHUB_OUTPUT</c>) and, when asked, the sticky pull-request comment. Problems here are warnings on stderr:
/// they never change the command's exit code, so a read-only token on a fork's pull request does not fail the gate.
/// </summary>
internal sealed class GitHubPublishing(CliContext context)
{
    /// <summary>Writes the step outputs and posts the comment when <paramref name="comment"/> is not null.</summary>
    public void Publish(ScanReport report, GitHubCommentFlags? comment)
    {
        try
        {
            ActionOutputs.Append(report, context.GetEnvironment);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"warning: cannot write GITHUB_OUTPUT: {ex.Message}");
        }

        if (comment is null) return;
        var outcome = new StickyCommentPublisher(context.GetEnvironment, context.CurrentDirectory)
            .PublishAsync(report, comment, CancellationToken.None).GetAwaiter().GetResult();
        context.Error.WriteLine(outcome.Posted ? $"DriftGuard: {outcome.Message}" : $"warning: {outcome.Message}");
    }
}
