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

    /// <summary>JSON bodies sent with POST or PATCH, in order.</summary>
    public IReadOnlyList<JsonElement> SentBodies => _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime)
        .Where(e => e.RequestMessage.Method is "POST" or "PATCH")
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
