using System.CommandLine;
using DriftGuard.GitHub.PullRequests;

namespace DriftGuard.Cli.GitHub;

/// <summary>What <c>check --open-pr</c> needs: the Terraform root module to edit and the <c>--github-*</c> flags (repository, token, API).</summary>
/// <param name="TerraformDirectory"><c>--tf-dir</c>; null when the IaC is not Terraform (CloudFormation files are edited in place).</param>
/// <param name="GitHub">Repository, token and API address; nulls fall back to <c>GITHUB_REPOSITORY</c>, <c>GITHUB_TOKEN</c>, <c>GITHUB_API_URL</c>.</param>
public sealed record OpenPullRequestSettings(string? TerraformDirectory, GitHubCommentFlags GitHub);

/// <summary><c>--open-pr</c> and <c>--tf-dir</c> of <c>check</c>.</summary>
internal sealed class OpenPullRequestOptions
{
    private readonly Option<bool> _openPr = new("--open-pr")
    {
        Description = "Open (or update) one pull request per unmanaged rule the policy allows (no unwaived finding at or above --fail-on), declaring the live rule in the IaC so merging it accepts the drift. Repository and token as for --github-comment.",
    };
    private readonly Option<string?> _tfDir = new("--tf-dir") { Description = "Terraform root module whose *.tf files --open-pr edits (default: none; Terraform proposals become manual)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_openPr);
        command.Options.Add(_tfDir);
    }

    /// <summary>The settings when <c>--open-pr</c> was given, else null.</summary>
    public OpenPullRequestSettings? Read(ParseResult parse, GitHubCommentFlags flags) =>
        parse.GetValue(_openPr) ? new OpenPullRequestSettings(parse.GetValue(_tfDir), flags) : null;
}
