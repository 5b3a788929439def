using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DriftGuard.GitHub.Tests;

/// <summary>
/// A local fake of the GitHub Enterprise Server REST API (WireMock.Net on loopback) with the issue-comment endpoints:
/// a paged comment list (Link headers as GitHub sends them), create and update. Octokit puts every request for a
/// non-github.com host under <c>/api/v3/</c>.
/// </summary>
internal sealed class FakeGitHub : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    /// <summary>The API base to give Octokit or the CLI (<c>http://127.0.0.1:PORT/api/v3</c>).</summary>
    public Uri ApiUrl => new(_server.Url + "/api/v3");

    public sealed record Comment(long Id, string Body, string Login = "github-actions[bot]", string Type = "Bot");

    /// <summary>Serves the comments of <paramref name="repo"/>#<paramref name="number"/> in pages, and accepts create and update.</summary>
    public FakeGitHub WithComments(string repo, int number, params Comment[][] pages)
    {
        var path = $"/api/v3/repos/{repo}/issues/{number}/comments";
        for (var i = 0; i < Math.Max(pages.Length, 1); i++)
        {
            var page = pages.Length == 0 ? [] : pages[i];
            var request = Request.Create().WithPath(path).UsingGet();
            request = i == 0 ? request : request.WithParam("page", (i + 1).ToString());
            var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(JsonSerializer.Serialize(page.Select(c => Json(c, repo))));
            if (i + 1 < pages.Length)
                response = response.WithHeader("Link",
                    $"<{_server.Url}{path}?sort=created&direction=asc&per_page=100&page={i + 2}>; rel=\"next\", <{_server.Url}{path}?per_page=100&page={pages.Length}>; rel=\"last\"");
            _server.Given(request).AtPriority(i == 0 ? 10 : 1).RespondWith(response);
        }
        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(201)
            .WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(Json(new Comment(9001, "created"), repo))));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher($"^/api/v3/repos/{repo}/issues/comments/\\d+$")).UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithBody(req => JsonSerializer.Serialize(Json(new Comment(long.Parse(req.Path.Split('/')[^1]), "updated"), repo))));
        return this;
    }

    /// <summary>
    /// Serves the git endpoints a drift pull request needs on <paramref name="repo"/>: open pull requests listed by head
    /// (<paramref name="openPullRequest"/> or none), the default branch <c>main</c> at <paramref name="baseSha"/>, ref
    /// creation, contents (<paramref name="existingFiles"/> answer with a sha, others 404), pull create/update and labels.
    /// </summary>
    public FakeGitHub WithDriftRepo(string repo, int? openPullRequest, string baseSha, params string[] existingFiles)
    {
        var root = $"/api/v3/repos/{repo}";
        object Pull(int n) => new { id = n, number = n, state = "open", title = "t", body = "b", html_url = $"https://ghe.example.com/{repo}/pull/{n}",
            url = $"{_server.Url}{root}/pulls/{n}", head = new { @ref = "h", sha = baseSha }, @base = new { @ref = "main", sha = baseSha } };
        Json200(Request.Create().WithPath($"{root}/pulls").UsingGet(), openPullRequest is { } open ? new[] { Pull(open) } : []);
        Json200(Request.Create().WithPath(root).UsingGet(), new { id = 1, name = repo.Split('/')[1], full_name = repo, default_branch = "main" });
        Json200(Request.Create().WithPath($"{root}/git/refs/heads/main").UsingGet(), new { @ref = "refs/heads/main", @object = new { sha = baseSha, type = "commit" } });
        Json200(Request.Create().WithPath($"{root}/git/refs").UsingPost(), new { @ref = "refs/heads/x", @object = new { sha = baseSha, type = "commit" } }, 201);
        foreach (var file in existingFiles)
            Json200(Request.Create().WithPath($"{root}/contents/{file}").UsingGet(), new { type = "file", name = Path.GetFileName(file), path = file, sha = "f1e2d3", encoding = "base64", content = "" });
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher($"{root}/contents/*")).UsingGet()).AtPriority(20)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json").WithBody("""{"message":"Not Found"}"""));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher($"{root}/contents/*")).UsingPut()).AtPriority(20)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"content":{"sha":"abc"},"commit":{"sha":"def"}}"""));
        Json200(Request.Create().WithPath($"{root}/pulls").UsingPost(), Pull(7), 201);
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher($"^{root}/pulls/\\d+$")).UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithBody(req => JsonSerializer.Serialize(Pull(int.Parse(req.Path.Split('/')[^1])))));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher($"^{root}/issues/\\d+/labels$")).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("[]"));
        return this;
    }

    private void Json200(IRequestBuilder request, object body, int status = 200) =>
        _server.Given(request).AtPriority(10).RespondWith(Response.Create().WithStatusCode(status)
            .WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(body)));

    /// <summary>Answers every request with <paramref name="status"/> (e.g. 403 for a read-only token).</summary>
    public FakeGitHub Refusing(int status)
    {
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/*"))).AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
            .WithBody("""{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}"""));
        return this;
    }

    /// <summary>Every request received: <c>METHOD /path?query</c>, in order.</summary>
    public IReadOnlyList<string> Requests => _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime)
        .Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Path}{Query(e.RequestMessage.Url)}").ToList();

    /// <summary>JSON bodies sent with POST, PATCH or PUT, in order.</summary>
    public IReadOnlyList<JsonElement> SentBodies => _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime)
        .Where(e => e.RequestMessage.Method is "POST" or "PATCH" or "PUT")
        .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone()).ToList();

    /// <summary>Authorization headers received.</summary>
    public IReadOnlyList<string> Authorizations => _server.LogEntries
        .Select(e => e.RequestMessage.Headers!.TryGetValue("Authorization", out var v) ? v.ToString() : "").ToList();

    public void Dispose() => _server.Stop();

    private static string Query(string url) => new Uri(url).Query;

    private object Json(Comment c, string repo) => new
    {
        id = c.Id,
        node_id = "IC_" + c.Id,
        url = $"{_server.Url}/api/v3/repos/{repo}/issues/comments/{c.Id}",
        html_url = $"https://ghe.example.com/{repo}/pull/1#issuecomment-{c.Id}",
        body = c.Body,
        user = new { login = c.Login, id = 41898282, type = c.Type },
        created_at = "2026-06-01T12:00:00Z",
        updated_at = "2026-06-01T12:00:00Z",
        author_association = "NONE",
    };
}
