namespace DriftGuard.GitHub.PullRequests;

/// <summary>Everything needed to comment on one pull request: where, as whom, and how links are built.</summary>
/// <param name="PullRequest">The pull request.</param>
/// <param name="Token">Token sent as <c>Authorization: token …</c>; a GITHUB_TOKEN, a GitHub App installation token or a PAT.</param>
/// <param name="ApiUrl">REST API base, e.g. <c>https://api.github.com</c> or <c>https://ghe.example.com/api/v3</c>.</param>
/// <param name="ServerUrl">Web base for file links, e.g. <c>https://github.com</c> (from <c>GITHUB_SERVER_URL</c>).</param>
public sealed record PullRequestContext(PullRequestRef PullRequest, string Token, Uri ApiUrl, Uri ServerUrl);
