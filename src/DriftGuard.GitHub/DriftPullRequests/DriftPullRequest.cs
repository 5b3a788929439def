namespace DriftGuard.GitHub.DriftPullRequests;

/// <summary>One file a drift pull request writes on its branch.</summary>
/// <param name="Path">Repository-relative path with <c>/</c> separators.</param>
/// <param name="Content">Full UTF-8 content.</param>
public sealed record PullRequestFile(string Path, string Content);

/// <summary>A pull request that codifies one live rule: branch, title, Markdown body, files and labels.</summary>
public sealed record DriftPullRequest(string Branch, string Title, string Body, IReadOnlyList<PullRequestFile> Files, IReadOnlyList<string> Labels);

/// <summary>What <see cref="IDriftPullRequestPublisher.PublishAsync"/> did: <c>created</c> or <c>updated</c>, the number and web address.</summary>
public sealed record DriftPullRequestResult(string Action, int Number, string? HtmlUrl);

/// <summary>
/// Opens or refreshes the pull request of one drift, behind our own interface so tests can see which calls were made.
/// </summary>
public interface IDriftPullRequestPublisher
{
    /// <summary>
    /// When an open pull request has <see cref="DriftPullRequest.Branch"/> as head, writes the files on that branch and
    /// updates its body; else creates the branch from <paramref name="baseBranch"/> (the repository's default branch when
    /// null), writes the files, opens the pull request and labels it. Throws Octokit's <c>ApiException</c> or
    /// <see cref="HttpRequestException"/> when GitHub refuses or cannot be reached.
    /// </summary>
    Task<DriftPullRequestResult> PublishAsync(string owner, string repository, string? baseBranch, DriftPullRequest request, CancellationToken ct);
}
