using DriftGuard.Core.Reports;
using DriftGuard.GitHub.Comments;

namespace DriftGuard.GitHub.PullRequests;

/// <summary>What <see cref="StickyCommentPublisher.PublishAsync"/> did, as one line for the log.</summary>
/// <param name="Posted">True when the comment was created or updated.</param>
/// <param name="Message">E.g. <c>updated pull-request comment https://…</c> or why nothing was posted.</param>
public sealed record StickyCommentOutcome(bool Posted, string Message);

/// <summary>
/// Posts a report as the sticky comment of a pull request: resolve the pull request from flags and the Actions
/// environment, render the body, and create or update the comment. The same entry point serves every command
/// (<c>gate</c>, <c>check</c>): the marker comes from <see cref="ScanReport.Command"/>.
/// </summary>
/// <param name="environment">Environment lookup (GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_TOKEN, …).</param>
/// <param name="currentDirectory">Directory the report's relative file paths start from.</param>
/// <param name="commenterFactory">Creates the commenter for a context; default: <see cref="OctokitPullRequestCommenter.Create"/>.</param>
public sealed class StickyCommentPublisher(Func<string, string?> environment, string currentDirectory,
                                           Func<PullRequestContext, IPullRequestCommenter>? commenterFactory = null)
{
    /// <summary>
    /// Posts <paramref name="report"/>. Never throws for a missing context or a GitHub failure (HTTP error, network,
    /// rate limit): the outcome says what happened, so a comment problem never hides the command's own verdict.
    /// </summary>
    public async Task<StickyCommentOutcome> PublishAsync(ScanReport report, GitHubCommentFlags flags, CancellationToken ct)
    {
        var context = PullRequestContextResolver.Resolve(flags, environment, out var problems);
        if (context is null) return new StickyCommentOutcome(false, "pull-request comment skipped: " + string.Join("; ", problems));

        var pr = context.PullRequest;
        var workspace = environment("GITHUB_WORKSPACE") is { Length: > 0 } ws ? ws : currentDirectory;
        var links = new BlobLinks(context.ServerUrl, pr.Owner, pr.Name, pr.HeadSha, workspace);
        var body = new PullRequestCommentRenderer(links, currentDirectory).Render(report);
        var commenter = (commenterFactory ?? (c => OctokitPullRequestCommenter.Create(c.ApiUrl, c.Token)))(context);
        try
        {
            var result = await commenter.UpsertAsync(pr, CommentMarkers.For(report.Command), body, ct).ConfigureAwait(false);
            return new StickyCommentOutcome(true, $"{result.Action} pull-request comment on {pr.Repository}#{pr.Number}" +
                                                  (result.HtmlUrl is null ? "" : $": {result.HtmlUrl}"));
        }
        catch (Exception ex) when (ex is Octokit.ApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var status = ex is Octokit.ApiException api ? $"HTTP {(int)api.StatusCode}: " : "";
            return new StickyCommentOutcome(false, $"could not post the pull-request comment on {pr.Repository}#{pr.Number}: {status}{OneLine(ex.Message)}");
        }
    }

    private static string OneLine(string message) => message.Split('\n')[0].Trim();
}
