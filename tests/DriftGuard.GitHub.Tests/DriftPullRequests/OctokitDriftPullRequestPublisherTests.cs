using System.Text;
using DriftGuard.GitHub.DriftPullRequests;

namespace DriftGuard.GitHub.Tests.DriftPullRequests;

public sealed class OctokitDriftPullRequestPublisherTests : IDisposable
{
    private const string BaseSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private readonly FakeGitHub _github = new();

    public void Dispose() => _github.Dispose();

    private static readonly DriftPullRequest Request = new("driftguard/drift-0123456789abcdef", "DriftGuard: codify live rule", "body v1",
        [new PullRequestFile("iac/driftguard-0123456789abcdef.tf", "resource {}\n")], ["drift", "security"]);

    private Task<DriftPullRequestResult> Publish(DriftPullRequest request) =>
        OctokitDriftPullRequestPublisher.Create(_github.ApiUrl, "ghs_test").PublishAsync("octo-org", "infra", null, request, CancellationToken.None);

    [Fact]
    public async Task PublishAsync_WhenNoPullRequestIsOpenForTheBranch_ShouldBranchFromMainWriteTheFileOpenAndLabel()
    {
        // Given
        _github.WithDriftRepo("octo-org/infra", null, BaseSha);
        // When
        var result = await Publish(Request);
        // Then
        _github.Requests.ShouldBe([
            "GET /api/v3/repos/octo-org/infra/pulls?state=open&head=octo-org%3Adriftguard%2Fdrift-0123456789abcdef&sort=created&direction=desc",
            "GET /api/v3/repos/octo-org/infra",
            "GET /api/v3/repos/octo-org/infra/git/refs/heads/main",
            "POST /api/v3/repos/octo-org/infra/git/refs",
            "GET /api/v3/repos/octo-org/infra/contents/iac/driftguard-0123456789abcdef.tf?ref=driftguard/drift-0123456789abcdef",
            "PUT /api/v3/repos/octo-org/infra/contents/iac/driftguard-0123456789abcdef.tf",
            "POST /api/v3/repos/octo-org/infra/pulls",
            "POST /api/v3/repos/octo-org/infra/issues/7/labels",
        ]);
        var bodies = _github.SentBodies;
        bodies[0].GetProperty("ref").GetString().ShouldBe("refs/heads/driftguard/drift-0123456789abcdef");
        bodies[0].GetProperty("sha").GetString().ShouldBe(BaseSha);
        bodies[1].GetProperty("branch").GetString().ShouldBe("driftguard/drift-0123456789abcdef");
        Encoding.UTF8.GetString(Convert.FromBase64String(bodies[1].GetProperty("content").GetString()!)).ShouldBe("resource {}\n");
        bodies[1].TryGetProperty("sha", out _).ShouldBeFalse();
        bodies[2].GetProperty("head").GetString().ShouldBe("driftguard/drift-0123456789abcdef");
        bodies[2].GetProperty("base").GetString().ShouldBe("main");
        bodies[2].GetProperty("body").GetString().ShouldBe("body v1");
        bodies[3].EnumerateArray().Select(l => l.GetString()).ShouldBe(["drift", "security"]);
        result.ShouldBe(new DriftPullRequestResult("created", 7, "https://ghe.example.com/octo-org/infra/pull/7"));
    }

    [Fact]
    public async Task PublishAsync_WhenAPullRequestIsAlreadyOpenForTheBranch_ShouldUpdateItsFileAndBodyInsteadOfOpeningAnother()
    {
        // Given
        _github.WithDriftRepo("octo-org/infra", 12, BaseSha, "iac/driftguard-0123456789abcdef.tf");
        // When
        var result = await Publish(Request with { Body = "body v2" });
        // Then
        _github.Requests.ShouldBe([
            "GET /api/v3/repos/octo-org/infra/pulls?state=open&head=octo-org%3Adriftguard%2Fdrift-0123456789abcdef&sort=created&direction=desc",
            "GET /api/v3/repos/octo-org/infra/contents/iac/driftguard-0123456789abcdef.tf?ref=driftguard/drift-0123456789abcdef",
            "PUT /api/v3/repos/octo-org/infra/contents/iac/driftguard-0123456789abcdef.tf",
            "PATCH /api/v3/repos/octo-org/infra/pulls/12",
        ]);
        _github.SentBodies[0].GetProperty("sha").GetString().ShouldBe("f1e2d3");
        _github.SentBodies[1].GetProperty("body").GetString().ShouldBe("body v2");
        result.Action.ShouldBe("updated");
        result.Number.ShouldBe(12);
    }

    [Fact]
    public async Task PublishAsync_WhenTheTokenIsReadOnly_ShouldThrowTheApiError()
    {
        // Given
        _github.Refusing(403);
        // When / Then
        await Should.ThrowAsync<Octokit.ApiException>(() => Publish(Request));
    }
}
