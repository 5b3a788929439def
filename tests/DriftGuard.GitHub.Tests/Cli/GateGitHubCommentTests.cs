namespace DriftGuard.GitHub.Tests.Cli;

/// <summary><c>driftguard gate --github-comment</c> end to end: the real CLI and Octokit against a local fake GitHub API.</summary>
public sealed class GateGitHubCommentTests : IDisposable
{
    private const string Sha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private readonly FakeGitHub _github = new();
    private readonly string _temp = Directory.CreateTempSubdirectory("dg-gh-").FullName;

    public void Dispose()
    {
        _github.Dispose();
        Directory.Delete(_temp, recursive: true);
    }

    private Dictionary<string, string?> ActionsEnvironment(string eventJson)
    {
        var eventPath = Path.Combine(_temp, "event.json");
        File.WriteAllText(eventPath, eventJson);
        return new()
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = "octo-org/infra",
            ["GITHUB_EVENT_PATH"] = eventPath,
            ["GITHUB_TOKEN"] = "ghs_fake",
            ["GITHUB_API_URL"] = _github.ApiUrl.ToString(),
            ["GITHUB_SERVER_URL"] = "https://ghe.example.com",
            ["GITHUB_WORKSPACE"] = Repo.Root,
            ["GITHUB_OUTPUT"] = Path.Combine(_temp, "output"),
        };
    }

    private static string PullRequestEvent(int number) =>
        "{\"pull_request\":{\"number\":" + number + ",\"head\":{\"sha\":\"" + Sha + "\"}}}";

    [Fact]
    public void Gate_WhenInsecurePlanOnPullRequest_ShouldCreateOneCommentWithTheSshFindingLinkedAtTheHeadCommit()
    {
        // Given
        _github.WithComments("octo-org/infra", 17, []);
        var env = ActionsEnvironment(PullRequestEvent(17));
        // When
        var result = InProcessCli.Run(env, "gate", "iac/insecure/terraform/plan.json", "--github-comment");
        // Then
        result.ExitCode.ShouldBe(1, result.Error);
        _github.Requests.ShouldBe([
            "GET /api/v3/repos/octo-org/infra/issues/17/comments?sort=created&direction=asc&per_page=100",
            "POST /api/v3/repos/octo-org/infra/issues/17/comments",
        ]);
        var body = _github.SentBodies.ShouldHaveSingleItem().GetProperty("body").GetString()!;
        body.ShouldStartWith("<!-- driftguard:gate -->\n");
        body.ShouldContain("**DG-SG-001**");
        body.ShouldMatch($@"\(https://ghe\.example\.com/octo-org/infra/blob/{Sha}/iac/insecure/terraform/plan\.json#L\d+\)");
        result.Error.ShouldContain("created pull-request comment on octo-org/infra#17");
    }

    [Fact]
    public void Gate_WhenOurCommentAlreadyExists_ShouldUpdateItInPlace()
    {
        // Given
        _github.WithComments("octo-org/infra", 17, [new FakeGitHub.Comment(555, "<!-- driftguard:gate -->\nold")]);
        var env = ActionsEnvironment(PullRequestEvent(17));
        // When
        var result = InProcessCli.Run(env, "gate", "iac/compliant/", "--github-comment");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        _github.Requests[^1].ShouldBe("PATCH /api/v3/repos/octo-org/infra/issues/comments/555");
        _github.SentBodies.ShouldHaveSingleItem().GetProperty("body").GetString()!.ShouldContain("✅ no findings");
    }

    [Fact]
    public void Gate_WhenTokenIsReadOnly_ShouldWarnAndKeepTheGatesExitCode()
    {
        // Given: a fork's pull request, where GITHUB_TOKEN cannot write
        _github.Refusing(403);
        var env = ActionsEnvironment(PullRequestEvent(17));
        // When
        var result = InProcessCli.Run(env, "gate", "iac/insecure/terraform/plan.json", "--github-comment");
        // Then
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("warning: could not post the pull-request comment on octo-org/infra#17: HTTP 403");
    }

    [Fact]
    public void Gate_WhenPushEventHasNoPullRequest_ShouldSkipTheCommentWithoutCallingGitHub()
    {
        // Given
        var env = ActionsEnvironment("""{"ref":"refs/heads/main"}""");
        // When
        var result = InProcessCli.Run(env, "gate", "iac/compliant/", "--github-comment");
        // Then
        result.ExitCode.ShouldBe(0);
        result.Error.ShouldContain("warning: pull-request comment skipped: not a pull request");
        _github.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void Gate_WhenPrAndRepositoryGivenAsFlags_ShouldCommentOutsideActions()
    {
        // Given: a developer's machine, no Actions variables
        _github.WithComments("me/sandbox", 3, []);
        var env = new Dictionary<string, string?>();
        // When
        var result = InProcessCli.Run(env, "gate", "iac/compliant/", "--github-comment", "--github-repository", "me/sandbox",
                                      "--github-pr", "3", "--github-token", "t", "--github-api-url", _github.ApiUrl.ToString());
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        _github.Requests[^1].ShouldBe("POST /api/v3/repos/me/sandbox/issues/3/comments");
    }

    [Fact]
    public void Gate_WhenRunInActions_ShouldWriteFindingsAndDriftsToGitHubOutput()
    {
        // Given
        var env = ActionsEnvironment(PullRequestEvent(17));
        // When
        var report = Path.Combine(_temp, "report.json");
        var result = InProcessCli.Run(env, "gate", "iac/insecure/terraform/plan.json", "--format", "json", "--output", report);
        // Then
        result.ExitCode.ShouldBe(1);
        var outputs = File.ReadAllLines(env["GITHUB_OUTPUT"]!).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
        var summary = json.RootElement.GetProperty("summary");
        outputs["findings"].ShouldBe((summary.GetProperty("findings").GetInt32() - summary.GetProperty("waived").GetInt32()).ToString());
        outputs["failed"].ShouldBe(summary.GetProperty("failed").GetInt32().ToString());
        outputs["failed"].ShouldNotBe("0");
        outputs["drifts"].ShouldBe("0");
    }
}
