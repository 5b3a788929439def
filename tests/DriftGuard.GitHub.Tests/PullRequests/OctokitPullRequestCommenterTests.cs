using DriftGuard.GitHub.PullRequests;

namespace DriftGuard.GitHub.Tests.PullRequests;

public sealed class OctokitPullRequestCommenterTests : IDisposable
{
    private const string Marker = "<!-- driftguard:gate -->";
    private readonly FakeGitHub _github = new();
    private static readonly PullRequestRef Pr = new("octo-org", "infra", 42, null);

    public void Dispose() => _github.Dispose();

    private Task<StickyCommentResult> Upsert(string body) =>
        OctokitPullRequestCommenter.Create(_github.ApiUrl, "ghs_test").UpsertAsync(Pr, Marker, body, CancellationToken.None);

    [Fact]
    public async Task UpsertAsync_WhenNoCommentHasTheMarker_ShouldListThenCreateOne()
    {
        // Given
        _github.WithComments("octo-org/infra", 42, [new FakeGitHub.Comment(1, "LGTM", "alice", "User")]);
        // When
        var result = await Upsert(Marker + "\nreport v1");
        // Then
        _github.Requests.ShouldBe([
            "GET /api/v3/repos/octo-org/infra/issues/42/comments?sort=created&direction=asc&per_page=100",
            "POST /api/v3/repos/octo-org/infra/issues/42/comments",
        ]);
        _github.SentBodies.ShouldHaveSingleItem().GetProperty("body").GetString().ShouldBe(Marker + "\nreport v1");
        result.Action.ShouldBe("created");
    }

    [Fact]
    public async Task UpsertAsync_WhenOurCommentIsOnTheSecondPage_ShouldFollowTheLinkAndUpdateIt()
    {
        // Given: 100 comments on page one, ours on page two
        var pageOne = Enumerable.Range(1, 100).Select(i => new FakeGitHub.Comment(i, $"comment {i}", "bob", "User")).ToArray();
        _github.WithComments("octo-org/infra", 42, pageOne, [new FakeGitHub.Comment(777, Marker + "\nold report"), new FakeGitHub.Comment(778, "thanks", "carol", "User")]);
        // When
        var result = await Upsert(Marker + "\nnew report");
        // Then
        _github.Requests.ShouldBe([
            "GET /api/v3/repos/octo-org/infra/issues/42/comments?sort=created&direction=asc&per_page=100",
            "GET /api/v3/repos/octo-org/infra/issues/42/comments?sort=created&direction=asc&per_page=100&page=2",
            "PATCH /api/v3/repos/octo-org/infra/issues/comments/777",
        ]);
        _github.SentBodies.ShouldHaveSingleItem().GetProperty("body").GetString().ShouldBe(Marker + "\nnew report");
        result.ShouldBe(new StickyCommentResult("updated", 777, "https://ghe.example.com/octo-org/infra/pull/1#issuecomment-777"));
    }

    [Fact]
    public async Task UpsertAsync_WhenAPersonQuotedTheMarkerBeforeTheBot_ShouldUpdateTheBotsComment()
    {
        // Given
        _github.WithComments("octo-org/infra", 42, [new FakeGitHub.Comment(5, Marker + " copied by hand", "mallory", "User"), new FakeGitHub.Comment(6, Marker + "\nreport")]);
        // When
        await Upsert(Marker + "\nreport 2");
        // Then
        _github.Requests[^1].ShouldBe("PATCH /api/v3/repos/octo-org/infra/issues/comments/6");
    }

    [Fact]
    public async Task UpsertAsync_WhenAnotherCommandsCommentExists_ShouldNotTouchIt()
    {
        // Given: the drift check's sticky comment only
        _github.WithComments("octo-org/infra", 42, [new FakeGitHub.Comment(8, "<!-- driftguard:check -->\ndrift report")]);
        // When
        await Upsert(Marker + "\ngate report");
        // Then
        _github.Requests[^1].ShouldBe("POST /api/v3/repos/octo-org/infra/issues/42/comments");
    }

    [Fact]
    public async Task UpsertAsync_WhenCalled_ShouldSendTheTokenAsAuthorization()
    {
        // Given
        _github.WithComments("octo-org/infra", 42, []);
        // When
        await Upsert(Marker + "\nx");
        // Then
        _github.Authorizations.ShouldAllBe(a => a == "Token ghs_test");
    }
}
