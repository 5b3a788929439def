using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DriftGuard.GitHub.PullRequests;

/// <summary>
/// Finds the pull request, head commit, token and API address from flags first, then the GitHub Actions
/// environment: <c>GITHUB_REPOSITORY</c>, <c>GITHUB_EVENT_PATH</c> (the webhook payload:
/// <c>pull_request.number</c> and <c>pull_request.head.sha</c>), <c>GITHUB_SHA</c>, <c>GITHUB_TOKEN</c>,
/// <c>GITHUB_API_URL</c> and <c>GITHUB_SERVER_URL</c>
/// (https://docs.github.com/en/actions/reference/workflows-and-actions/variables#default-environment-variables).
/// </summary>
public static partial class PullRequestContextResolver
{
    /// <summary>The public GitHub API.</summary>
    public static readonly Uri DefaultApiUrl = new("https://api.github.com");

    /// <summary>
    /// Resolves the context, or returns null and one sentence per missing or invalid piece in
    /// <paramref name="problems"/>. Never throws for bad input (an unreadable event file is a problem, not a crash).
    /// </summary>
    public static PullRequestContext? Resolve(GitHubCommentFlags flags, Func<string, string?> environment, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var ev = ReadEvent(environment("GITHUB_EVENT_PATH"), errors);

        var repository = NonEmpty(flags.Repository) ?? NonEmpty(environment("GITHUB_REPOSITORY"));
        string? owner = null, name = null;
        if (repository is null) errors.Add("no repository: set GITHUB_REPOSITORY or --github-repository OWNER/REPO");
        else if (RepositoryPattern().Match(repository) is { Success: true } m) (owner, name) = (m.Groups[1].Value, m.Groups[2].Value);
        else errors.Add($"invalid repository '{repository}': expected OWNER/REPO");

        var number = flags.PullRequest ?? ev.Number;
        if (number is null) errors.Add("not a pull request: no pull_request in GITHUB_EVENT_PATH and no --github-pr");
        else if (number < 1) errors.Add($"invalid pull-request number {number.Value.ToString(CultureInfo.InvariantCulture)}");

        var sha = NonEmpty(flags.HeadSha) ?? ev.HeadSha ?? NonEmpty(environment("GITHUB_SHA"));
        if (sha is not null && !ShaPattern().IsMatch(sha)) sha = null; // a link to a commit we cannot name is no link

        var token = NonEmpty(flags.Token) ?? NonEmpty(environment("GITHUB_TOKEN"));
        if (token is null) errors.Add("no token: set GITHUB_TOKEN or --github-token");

        var apiText = NonEmpty(flags.ApiUrl) ?? NonEmpty(environment("GITHUB_API_URL"));
        var api = apiText is null ? DefaultApiUrl : HttpUri(apiText);
        if (api is null) errors.Add($"invalid GitHub API URL '{apiText}': expected an http(s) URL");

        var serverText = NonEmpty(environment("GITHUB_SERVER_URL"));
        var server = serverText is not null ? HttpUri(serverText) : null;
        server ??= api is null ? null : ServerFromApi(api);

        problems = errors;
        if (errors.Count > 0 || owner is null || name is null || number is null || token is null || api is null || server is null) return null;
        return new PullRequestContext(new PullRequestRef(owner, name, number.Value, sha), token, api, server);
    }

    /// <summary>
    /// The web address that goes with an API address: <c>api.github.com</c> → <c>https://github.com</c>;
    /// <c>https://HOST/api/v3</c> (GitHub Enterprise Server) → <c>https://HOST</c>.
    /// </summary>
    public static Uri ServerFromApi(Uri api)
    {
        if (api.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)) return new Uri("https://github.com");
        var path = api.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase)) path = path[..^"/api/v3".Length];
        return new Uri(api.GetLeftPart(UriPartial.Authority) + path);
    }

    private static (int? Number, string? HeadSha) ReadEvent(string? path, List<string> errors)
    {
        if (string.IsNullOrEmpty(path)) return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                !doc.RootElement.TryGetProperty("pull_request", out var pr) || pr.ValueKind != JsonValueKind.Object)
                return (null, null);
            int? number = pr.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var value) ? value : null;
            string? sha = pr.TryGetProperty("head", out var head) && head.ValueKind == JsonValueKind.Object &&
                          head.TryGetProperty("sha", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return (number, sha);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            errors.Add($"cannot read GITHUB_EVENT_PATH '{path}': {ex.Message.Split('\n')[0].Trim()}");
            return (null, null);
        }
    }

    private static Uri? HttpUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // GitHub owner names: alphanumerics and hyphens; repository names add '.' and '_'.
    [GeneratedRegex("^([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100})$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex ShaPattern();
}
