using DriftGuard.Core.Codify;
using DriftGuard.Core.Declared;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.GitHub.DriftPullRequests;
using DriftGuard.GitHub.PullRequests;

namespace DriftGuard.Cli.GitHub;

/// <summary>
/// <c>check --open-pr</c>: for every open unmanaged rule with no unwaived finding at or above the threshold, a
/// codify proposal (<see cref="TerraformCodifier"/>, <see cref="CloudFormationCodifier"/> for YAML and JSON templates) becomes a pull request. Every problem is a warning on stderr:
/// opening pull requests never changes the exit code.
/// </summary>
internal sealed class DriftPullRequestOpener(CliContext context, Func<Uri, string, IDriftPullRequestPublisher>? publisherFactory = null)
{
    /// <summary>Drifts that may be codified: unmanaged, not accepted by a baseline, and allowed by the policy.</summary>
    public static IEnumerable<DriftItem> Codifiable(IEnumerable<DriftItem> drifts, Severity failOn) =>
        drifts.Where(d => d is { Kind: DriftKind.Unmanaged, Accepted: false, Rule: not null } && !d.Findings.Any(f => f.Fails(failOn)));

    /// <summary>Opens or updates one pull request per codifiable drift; writes one line per pull request or problem to stderr.</summary>
    public async Task OpenAsync(IReadOnlyList<DriftItem> drifts, Severity failOn, OpenPullRequestSettings settings, CancellationToken ct)
    {
        var candidates = Codifiable(drifts, failOn).ToList();
        if (candidates.Count == 0) { context.Error.WriteLine("DriftGuard: no drift to codify in a pull request"); return; }
        var env = context.GetEnvironment;
        var repository = NonEmpty(settings.GitHub.Repository) ?? NonEmpty(env("GITHUB_REPOSITORY"));
        var token = NonEmpty(settings.GitHub.Token) ?? NonEmpty(env("GITHUB_TOKEN"));
        var apiText = NonEmpty(settings.GitHub.ApiUrl) ?? NonEmpty(env("GITHUB_API_URL"));
        var parts = repository?.Split('/');
        if (parts is not [{ Length: > 0 } owner, { Length: > 0 } name]) { Warn("no repository: set GITHUB_REPOSITORY or --github-repository OWNER/REPO"); return; }
        if (token is null) { Warn("no token: set GITHUB_TOKEN or --github-token"); return; }
        if (!Uri.TryCreate(apiText ?? PullRequestContextResolver.DefaultApiUrl.ToString(), UriKind.Absolute, out var api)) { Warn($"invalid GitHub API URL '{apiText}'"); return; }
        var publisher = (publisherFactory ?? OctokitDriftPullRequestPublisher.Create)(api, token);
        var root = NonEmpty(env("GITHUB_WORKSPACE")) ?? context.CurrentDirectory;
        var baseBranch = NonEmpty(env("GITHUB_BASE_REF"));
        foreach (var drift in candidates)
        {
            var proposal = Propose(drift, settings.TerraformDirectory);
            var request = DriftPullRequestComposer.Compose(proposal, root, context.Clock.GetUtcNow());
            try
            {
                var result = await publisher.PublishAsync(owner, name, baseBranch, request, ct);
                context.Error.WriteLine($"DriftGuard: {result.Action} drift pull request {owner}/{name}#{result.Number} ({proposal.Mode switch { CodifyMode.Manual => "needs a manual edit", CodifyMode.NewFile => "new file", _ => "file edited" }}) {result.HtmlUrl}");
            }
            catch (Exception ex) when (ex is Octokit.ApiException or HttpRequestException or TaskCanceledException)
            {
                Warn($"cannot open the drift pull request for {drift.Fingerprint}: {ex.Message.Split('\n')[0].Trim()}");
            }
        }
    }

    private CodifyProposal Propose(DriftItem drift, string? terraformDirectory)
    {
        // CloudFormation templates are edited where the reader found the group; Terraform needs the module's source.
        if (drift.File is { } file && IacDetector.Detect(context.Resolve(file)).Kind == IacKind.CloudFormation)
            return CloudFormationCodifier.Propose(drift, context.Resolve(file));
        if (terraformDirectory is not null) return TerraformCodifier.Propose(drift, context.Resolve(terraformDirectory));
        return new CodifyProposal(drift, CodifyMode.Manual, [], TerraformCodifier.StandaloneRule(drift.Rule!, "REPLACE_ME", drift.Fingerprint), "no --tf-dir given");
    }

    private void Warn(string message) => context.Error.WriteLine($"warning: --open-pr: {message}");

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
