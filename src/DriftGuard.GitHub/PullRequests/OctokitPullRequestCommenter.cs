using Octokit;

namespace DriftGuard.GitHub.PullRequests;

/// <summary>
/// <see cref="IPullRequestCommenter"/> over the REST API with Octokit: <c>GET /repos/{o}/{r}/issues/{n}/comments</c>
/// (every page, 100 per page), then <c>PATCH /repos/{o}/{r}/issues/comments/{id}</c> or
/// <c>POST /repos/{o}/{r}/issues/{n}/comments</c> (https://docs.github.com/en/rest/issues/comments).
/// </summary>
public sealed class OctokitPullRequestCommenter(IGitHubClient client) : IPullRequestCommenter
{
    /// <summary>Comments asked for per page (the API's maximum).</summary>
    public const int PageSize = 100;

    /// <summary>
    /// A client for <paramref name="apiUrl"/> with <paramref name="token"/>. Octokit treats any host other than
    /// <c>api.github.com</c> as GitHub Enterprise Server and puts its requests under <c>/api/v3/</c>.
    /// </summary>
    public static OctokitPullRequestCommenter Create(Uri apiUrl, string token) =>
        new(new GitHubClient(new ProductHeaderValue("DriftGuard"), new Octokit.Internal.InMemoryCredentialStore(new Credentials(token)), apiUrl));

    /// <inheritdoc />
    public async Task<StickyCommentResult> UpsertAsync(PullRequestRef pullRequest, string marker, string body, CancellationToken ct)
    {
        if (!body.StartsWith(marker, StringComparison.Ordinal))
            throw new ArgumentException("the comment body must start with its marker, or it will never be found again", nameof(body));
        var comments = await client.Issue.Comment.GetAllForIssue(pullRequest.Owner, pullRequest.Name, pullRequest.Number,
                                                                 new ApiOptions { PageSize = PageSize }).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        var existing = StickyCommentMatcher.Find(comments.Select(c => new StickyCommentMatcher.Candidate(c.Id, c.Body, c.User?.Type == AccountType.Bot)), marker);
        if (existing is { } id)
        {
            var updated = await client.Issue.Comment.Update(pullRequest.Owner, pullRequest.Name, id, body).ConfigureAwait(false);
            return new StickyCommentResult("updated", updated.Id, updated.HtmlUrl);
        }
        var created = await client.Issue.Comment.Create(pullRequest.Owner, pullRequest.Name, pullRequest.Number, body).ConfigureAwait(false);
        return new StickyCommentResult("created", created.Id, created.HtmlUrl);
    }
}
