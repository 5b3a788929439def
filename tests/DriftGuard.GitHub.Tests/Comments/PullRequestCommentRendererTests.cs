using System.Text.RegularExpressions;
using DriftGuard.GitHub.Comments;

namespace DriftGuard.GitHub.Tests.Comments;

public class PullRequestCommentRendererTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private static readonly string Workspace = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "dg-workspace"));

    private static PullRequestCommentRenderer Renderer(string server = "https://github.com") =>
        new(new BlobLinks(new Uri(server), "octo-org", "infra", Sha, Workspace), Workspace);

    [Fact]
    public void Render_WhenGateReportHasFindings_ShouldStartWithTheGateMarkerAndSummary()
    {
        // Given
        var report = Reports.Gate(Reports.Finding());
        // When
        var body = Renderer().Render(report);
        // Then
        body.Split('\n')[0].ShouldBe("<!-- driftguard:gate -->");
        body.ShouldContain("❌ 1 failed");
    }

    [Fact]
    public void Render_WhenFindingHasFileAndLine_ShouldLinkToTheLineAtTheHeadCommit()
    {
        // Given
        var report = Reports.Gate(Reports.Finding(file: "iac/insecure/terraform/plan.json", line: 10));
        // When
        var body = Renderer().Render(report);
        // Then
        body.ShouldContain($"[iac/insecure/terraform/plan.json:10](https://github.com/octo-org/infra/blob/{Sha}/iac/insecure/terraform/plan.json#L10)");
    }

    [Fact]
    public void Render_WhenServerIsGitHubEnterprise_ShouldLinkToThatServer()
    {
        // Given
        var report = Reports.Gate(Reports.Finding(file: "stacks/sg.yaml", line: 3));
        // When
        var body = Renderer("https://ghe.example.com").Render(report);
        // Then
        body.ShouldContain($"(https://ghe.example.com/octo-org/infra/blob/{Sha}/stacks/sg.yaml#L3)");
    }

    [Fact]
    public void Render_WhenFileNameHasSpacesAndParentheses_ShouldPercentEncodeTheLink()
    {
        // Given
        var report = Reports.Gate(Reports.Finding(file: "iac/my stack (prod)/plan.json", line: 7));
        // When
        var body = Renderer().Render(report);
        // Then
        body.ShouldContain($"/blob/{Sha}/iac/my%20stack%20%28prod%29/plan.json#L7)");
    }

    [Fact]
    public void Render_WhenFileIsOutsideTheWorkspace_ShouldShowThePathWithoutALink()
    {
        // Given
        var report = Reports.Gate(Reports.Finding(file: "/etc/elsewhere/plan.json", line: 4));
        // When
        var body = Renderer().Render(report);
        // Then
        body.ShouldContain("| /etc/elsewhere/plan.json:4 |");
        body.ShouldNotContain("/blob/" + Sha + "/etc");
    }

    [Theory]
    [InlineData("@octo-org/admins please approve", "@octo-org")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("[click](https://evil.example/x)", "](https://evil")]
    [InlineData("see https://evil.example/steal", "https://evil")]
    [InlineData("see www.evil.example", "www.evil")]
    [InlineData("a | b | c", "a | b")]
    [InlineData("line1\n| forged | row |", "\n| forged")]
    public void Render_WhenResourceNameIsHostile_ShouldRenderItInert(string hostile, string mustNotAppear)
    {
        // Given: a template whose resource name is attacker-controlled
        var report = Reports.Gate(Reports.Finding(resource: hostile));
        // When
        var body = Renderer().Render(report);
        // Then
        body.ShouldNotContain(mustNotAppear);
        Regex.Matches(body, @"\]\((https?://[^)]*)\)").Select(m => m.Groups[1].Value)
            .ShouldAllBe(url => url.StartsWith("https://github.com/octo-org/infra/blob/" + Sha + "/"));
    }

    [Fact]
    public void Render_WhenResourceNameContainsTheMarker_ShouldContainTheMarkerOnlyAtTheStart()
    {
        // Given: a forged marker, which would make another comment look like ours
        var report = Reports.Gate(Reports.Finding(resource: "<!-- driftguard:gate -->"));
        // When
        var body = Renderer().Render(report);
        // Then
        Regex.Matches(body, "<!-- driftguard:gate -->").Count.ShouldBe(1);
        body.ShouldStartWith("<!-- driftguard:gate -->");
    }

    [Fact]
    public void Render_WhenTableRowsWouldBreak_ShouldKeepEveryRowToFiveCells()
    {
        // Given: descriptions, titles and names with pipes and newlines
        var report = Reports.Gate(Reports.Finding(resource: "a|b\nc", title: "t|i|t|l|e"));
        // When
        var body = Renderer().Render(report);
        // Then: a GFM row splits on unescaped pipes only
        var row = body.Split('\n').Single(l => l.StartsWith("| high", StringComparison.Ordinal));
        Regex.Split(row, @"(?<!\\)\|").Length.ShouldBe(7); // 5 cells between 6 pipes
    }

    [Fact]
    public void Render_WhenReportExceedsTheCommentLimit_ShouldStayUnderItAndCountWhatWasLeftOut()
    {
        // Given: 3,000 findings, far over 65,536 characters
        var findings = Enumerable.Range(1, 3000).Select(i => Reports.Finding(resource: $"aws_security_group.g{i:D4}", line: i)).ToArray();
        var report = Reports.Gate(findings);
        // When
        var body = Renderer().Render(report);
        // Then
        body.Length.ShouldBeLessThan(PullRequestCommentRenderer.MaxCommentChars);
        var shown = body.Split('\n').Count(l => l.StartsWith("| high", StringComparison.Ordinal));
        body.ShouldContain($"{3000 - shown} findings not shown");
        shown.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Render_WhenReportFits_ShouldHaveNoTruncationNoteAndFoldTheDetails()
    {
        // Given
        var report = Reports.Gate(Reports.Finding());
        // When
        var body = Renderer().Render(report);
        // Then
        body.ShouldNotContain("not shown");
        body.ShouldContain("<details><summary>Details</summary>");
        body.ShouldContain("Controls: CIS-AWS-5.2.");
    }

    [Fact]
    public void Render_WhenCheckReport_ShouldUseTheCheckMarker()
    {
        // Given
        var report = Reports.Gate() with { Command = "check" };
        // When
        var body = Renderer().Render(report);
        // Then
        body.ShouldStartWith("<!-- driftguard:check -->\n");
        body.ShouldContain("✅ no findings");
    }
}
