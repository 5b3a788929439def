namespace DriftGuard.GitHub.PullRequests;

/// <summary>What <see cref="IPullRequestCommenter.UpsertAsync"/> did.</summary>
/// <param name="Action"><c>created</c> or <c>updated</c>.</param>
/// <param name="CommentId">The comment's id.</param>
/// <param name="HtmlUrl">The comment's web address, when GitHub returned one.</param>
public sealed record StickyCommentResult(string Action, long CommentId, string? HtmlUrl);

/// <summary>
/// The one side effect of pull-request comments, behind our own interface so tests can see which calls were made:
/// find DriftGuard's comment by its hidden marker and update it in place, or create it (tfcmt/Infracost "sticky" behaviour).
/// </summary>
public interface IPullRequestCommenter
{
    /// <summary>
    /// Updates the comment on <paramref name="pullRequest"/> whose body starts with <paramref name="marker"/>, or creates
    /// one with <paramref name="body"/> when there is none. <paramref name="body"/> must start with the marker.
    /// Throws Octokit's <c>ApiException</c> or <see cref="HttpRequestException"/> when GitHub refuses or cannot be reached.
    /// </summary>
    Task<StickyCommentResult> UpsertAsync(PullRequestRef pullRequest, string marker, string body, CancellationToken ct);
}
