using System.CommandLine;
using DriftGuard.GitHub.PullRequests;

namespace DriftGuard.Cli.GitHub;

/// <summary>
/// <c>--github-comment</c> and the flags that override the GitHub Actions environment. Any command that produces a
/// report adds them with <see cref="AddTo"/> and reads them with <see cref="Read"/>.
/// </summary>
internal sealed class GitHubCommentOptions
{
    private readonly Option<bool> _comment = new("--github-comment")
    {
        Description = "Post the report as one sticky pull-request comment, updated in place on every run. Pull request, head commit and token come from the GitHub Actions environment or the --github-* flags.",
    };
    private readonly Option<string?> _repository = new("--github-repository") { Description = "OWNER/REPO to comment on (default: GITHUB_REPOSITORY)." };
    private readonly Option<int?> _pullRequest = new("--github-pr") { Description = "Pull-request number (default: pull_request.number of GITHUB_EVENT_PATH)." };
    private readonly Option<string?> _token = new("--github-token") { Description = "Token (default: GITHUB_TOKEN; prefer the variable, flags show in process lists)." };
    private readonly Option<string?> _apiUrl = new("--github-api-url") { Description = "REST API base, e.g. https://ghe.example.com/api/v3 (default: GITHUB_API_URL, else https://api.github.com)." };
    private readonly Option<string?> _sha = new("--github-sha") { Description = "Commit that file links point at (default: pull_request.head.sha, else GITHUB_SHA)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _comment, _repository, _pullRequest, _token, _apiUrl, _sha }) command.Options.Add(option);
    }

    /// <summary>Adds only <c>--github-repository</c>, <c>--github-token</c> and <c>--github-api-url</c> (commands that open pull requests but comment on none).</summary>
    public void AddRepositoryOptionsTo(Command command)
    {
        foreach (var option in new Option[] { _repository, _token, _apiUrl }) command.Options.Add(option);
    }

    /// <summary>The flags <see cref="AddRepositoryOptionsTo"/> adds.</summary>
    public GitHubCommentFlags RepositoryFlags(ParseResult parse) => new(parse.GetValue(_repository), null, parse.GetValue(_token), parse.GetValue(_apiUrl));

    /// <summary>The <c>--github-*</c> flags whether or not <c>--github-comment</c> was given (drift pull requests use them too).</summary>
    public GitHubCommentFlags Flags(ParseResult parse) =>
        new(parse.GetValue(_repository), parse.GetValue(_pullRequest), parse.GetValue(_token), parse.GetValue(_apiUrl), parse.GetValue(_sha));

    /// <summary>The flags when <c>--github-comment</c> was given, else null.</summary>
    public GitHubCommentFlags? Read(ParseResult parse) =>
        parse.GetValue(_comment)
            ? new GitHubCommentFlags(parse.GetValue(_repository), parse.GetValue(_pullRequest), parse.GetValue(_token), parse.GetValue(_apiUrl), parse.GetValue(_sha))
            : null;
}
