namespace DriftGuard.GitHub.PullRequests;

/// <summary>
/// What the command line says about the pull request to comment on; every null falls back to the GitHub Actions
/// environment (see <see cref="PullRequestContextResolver"/>).
/// </summary>
/// <param name="Repository"><c>--github-repository OWNER/REPO</c>.</param>
/// <param name="PullRequest"><c>--github-pr N</c>.</param>
/// <param name="Token"><c>--github-token</c> (prefer the <c>GITHUB_TOKEN</c> variable: flags show in process lists).</param>
/// <param name="ApiUrl"><c>--github-api-url</c>, e.g. <c>https://ghe.example.com/api/v3</c>.</param>
/// <param name="HeadSha"><c>--github-sha</c>: the commit file links point at.</param>
public sealed record GitHubCommentFlags(string? Repository = null, int? PullRequest = null, string? Token = null,
                                        string? ApiUrl = null, string? HeadSha = null);
