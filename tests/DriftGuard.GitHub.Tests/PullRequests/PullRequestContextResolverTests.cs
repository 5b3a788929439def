using DriftGuard.GitHub.PullRequests;

namespace DriftGuard.GitHub.Tests.PullRequests;

public sealed class PullRequestContextResolverTests : IDisposable
{
    private const string Sha = "89abcdef0123456789abcdef0123456789abcdef";
    private readonly string _eventPath = Path.Combine(Path.GetTempPath(), $"dg-event-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_eventPath);

    private Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    private (string, string) PullRequestEvent(int number = 42)
    {
        File.WriteAllText(_eventPath, "{\"action\":\"synchronize\",\"pull_request\":{\"number\":" + number + ",\"head\":{\"sha\":\"" + Sha + "\"}}}");
        return ("GITHUB_EVENT_PATH", _eventPath);
    }

    [Fact]
    public void Resolve_WhenActionsPullRequestEnvironment_ShouldTakeNumberAndHeadShaFromTheEvent()
    {
        // Given
        var env = Env(PullRequestEvent(42), ("GITHUB_REPOSITORY", "octo-org/infra"), ("GITHUB_TOKEN", "t"),
                      ("GITHUB_SHA", "ffffffffffffffffffffffffffffffffffffffff"));
        // When
        var context = PullRequestContextResolver.Resolve(new GitHubCommentFlags(), env, out var problems);
        // Then
        problems.ShouldBeEmpty();
        context.ShouldNotBeNull().PullRequest.ShouldBe(new PullRequestRef("octo-org", "infra", 42, Sha));
        context.ApiUrl.ShouldBe(new Uri("https://api.github.com"));
        context.ServerUrl.ShouldBe(new Uri("https://github.com"));
    }

    [Fact]
    public void Resolve_WhenFlagsGiven_ShouldPreferThemOverTheEnvironment()
    {
        // Given
        var env = Env(PullRequestEvent(42), ("GITHUB_REPOSITORY", "octo-org/infra"), ("GITHUB_TOKEN", "env-token"));
        var flags = new GitHubCommentFlags("other/repo", 7, "flag-token", "https://ghe.example.com/api/v3");
        // When
        var context = PullRequestContextResolver.Resolve(flags, env, out _);
        // Then
        context.ShouldNotBeNull().PullRequest.Repository.ShouldBe("other/repo");
        context.PullRequest.Number.ShouldBe(7);
        context.Token.ShouldBe("flag-token");
        context.ServerUrl.ShouldBe(new Uri("https://ghe.example.com"));
    }

    [Fact]
    public void Resolve_WhenPushEventHasNoPullRequest_ShouldSaySoAndReturnNull()
    {
        // Given
        File.WriteAllText(_eventPath, """{"ref":"refs/heads/main"}""");
        var env = Env(("GITHUB_EVENT_PATH", _eventPath), ("GITHUB_REPOSITORY", "octo-org/infra"), ("GITHUB_TOKEN", "t"));
        // When
        var context = PullRequestContextResolver.Resolve(new GitHubCommentFlags(), env, out var problems);
        // Then
        context.ShouldBeNull();
        problems.ShouldHaveSingleItem().ShouldStartWith("not a pull request");
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"pull_request":{"number":"forty-two"}}""")]
    [InlineData("[1,2,3]")]
    public void Resolve_WhenEventFileIsMalformed_ShouldReportProblemsWithoutThrowing(string content)
    {
        // Given
        File.WriteAllText(_eventPath, content);
        var env = Env(("GITHUB_EVENT_PATH", _eventPath), ("GITHUB_REPOSITORY", "octo-org/infra"), ("GITHUB_TOKEN", "t"));
        // When
        var context = PullRequestContextResolver.Resolve(new GitHubCommentFlags(), env, out var problems);
        // Then
        context.ShouldBeNull();
        problems.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("octo-org")]
    [InlineData("octo-org/infra/extra")]
    [InlineData("../../evil")]
    public void Resolve_WhenRepositoryIsInvalid_ShouldRefuseIt(string repository)
    {
        // Given
        var env = Env(PullRequestEvent(), ("GITHUB_REPOSITORY", repository), ("GITHUB_TOKEN", "t"));
        // When
        var context = PullRequestContextResolver.Resolve(new GitHubCommentFlags(), env, out var problems);
        // Then
        context.ShouldBeNull();
        problems.ShouldContain(p => p.StartsWith("invalid repository", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_WhenNoTokenAnywhere_ShouldSayWhereToSetIt()
    {
        // Given
        var env = Env(PullRequestEvent(), ("GITHUB_REPOSITORY", "octo-org/infra"));
        // When
        PullRequestContextResolver.Resolve(new GitHubCommentFlags(), env, out var problems);
        // Then
        problems.ShouldHaveSingleItem().ShouldContain("GITHUB_TOKEN");
    }
}
