using System.Text;

namespace DriftGuard.GitHub.Tests.Cli;

/// <summary><c>driftguard check --open-pr</c> end to end: the real CLI and Octokit against a local fake GitHub API.</summary>
public sealed class CheckOpenPullRequestTests : IDisposable
{
    private const string BaseSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private readonly FakeGitHub _github = new();

    public void Dispose() => _github.Dispose();

    private Dictionary<string, string?> Environment() => new()
    {
        ["GITHUB_REPOSITORY"] = "octo-org/infra",
        ["GITHUB_TOKEN"] = "ghs_fake",
        ["GITHUB_API_URL"] = _github.ApiUrl.ToString(),
    };

    [Fact]
    public void Check_WhenAnAllowedRuleWasAddedLive_ShouldOpenOnePullRequestDeclaringItBesideTheGroup()
    {
        // Given: HTTPS from 10.30.0.0/16 added on shop-app, a group whose rules are standalone resources
        _github.WithDriftRepo("octo-org/infra", null, BaseSha);
        // When
        var result = InProcessCli.Run(Environment(), "check", "--iac", "iac/compliant/terraform/terraform.tfstate",
            "--live-file", "iac/live/shop-https-office.json", "--open-pr", "--tf-dir", "iac/compliant/terraform");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        _github.Requests.Count(r => r.StartsWith("POST /api/v3/repos/octo-org/infra/pulls", StringComparison.Ordinal)).ShouldBe(1);
        var put = _github.Requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal)).ShouldHaveSingleItem();
        put.ShouldMatch(@"^PUT /api/v3/repos/octo-org/infra/contents/iac/compliant/terraform/driftguard-[0-9a-f]{16}\.tf$");
        var content = Encoding.UTF8.GetString(Convert.FromBase64String(_github.SentBodies.Single(b => b.ValueKind == System.Text.Json.JsonValueKind.Object && b.TryGetProperty("content", out _)).GetProperty("content").GetString()!));
        content.ShouldContain("resource \"aws_vpc_security_group_ingress_rule\"");
        content.ShouldContain("security_group_id = aws_security_group.app.id");
        content.ShouldContain("cidr_ipv4         = \"10.30.0.0/16\"");
        var pull = _github.SentBodies.Single(b => b.ValueKind == System.Text.Json.JsonValueKind.Object && b.TryGetProperty("head", out _));
        pull.GetProperty("title").GetString().ShouldBe("DriftGuard: codify live rule ingress tcp/443 from 10.30.0.0/16 on aws_security_group.app");
        pull.GetProperty("head").GetString()!.ShouldMatch("^driftguard/drift-[0-9a-f]{16}$");
        result.Error.ShouldContain("DriftGuard: created drift pull request octo-org/infra#7");
    }

    [Fact]
    public void Check_WhenTheGroupDeclaresInlineRules_ShouldInsertABlockIntoMainTfKeepingTheRestOfTheFile()
    {
        // Given: shop-alb (inline ingress blocks) gained HTTPS on 8443 from 10.30.0.0/16
        _github.WithDriftRepo("octo-org/infra", null, BaseSha);
        var live = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "iac/live/shop-in-sync.json")))!;
        var alb = live["SecurityGroups"]!.AsArray().Single(g => (string?)g!["GroupName"] == "shop-alb")!;
        alb["IpPermissions"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse(
            """{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"IpRanges":[{"CidrIp":"10.30.0.0/16"}],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]}"""));
        var livePath = Path.Combine(Path.GetTempPath(), $"dg-live-{Guid.NewGuid():N}.json");
        File.WriteAllText(livePath, live.ToJsonString());
        try
        {
            // When
            var result = InProcessCli.Run(Environment(), "check", "--iac", "iac/compliant/terraform/terraform.tfstate",
                "--live-file", livePath, "--open-pr", "--tf-dir", "iac/compliant/terraform");
            // Then
            result.ExitCode.ShouldBe(0, result.Error);
            _github.Requests.ShouldContain("PUT /api/v3/repos/octo-org/infra/contents/iac/compliant/terraform/main.tf");
            var content = Encoding.UTF8.GetString(Convert.FromBase64String(_github.SentBodies.Single(b => b.ValueKind == System.Text.Json.JsonValueKind.Object && b.TryGetProperty("content", out _)).GetProperty("content").GetString()!));
            var original = File.ReadAllText(Path.Combine(Repo.Root, "iac/compliant/terraform/main.tf"));
            content.ShouldBe(original.Replace("  tags = { Name = \"shop-alb\", app = \"shop\" }\n}\n",
                "  tags = { Name = \"shop-alb\", app = \"shop\" }\n\n  ingress {\n    from_port   = 8443\n    to_port     = 8443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.30.0.0/16\"]\n  }\n}\n"));
        }
        finally
        {
            File.Delete(livePath);
        }
    }

    [Fact]
    public void Check_WhenTheLiveRuleIsSshFromTheWorld_ShouldNotCodifyIt()
    {
        // Given: DG-SG-001 at high: the policy does not allow keeping it
        _github.WithDriftRepo("octo-org/infra", null, BaseSha);
        // When
        var result = InProcessCli.Run(Environment(), "check", "--iac", "iac/compliant/terraform/terraform.tfstate",
            "--live-file", "iac/live/shop-ssh-opened.json", "--open-pr", "--tf-dir", "iac/compliant/terraform");
        // Then
        result.ExitCode.ShouldBe(1, result.Error);
        _github.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void Check_WhenGitHubRefuses_ShouldWarnAndKeepTheExitCode()
    {
        // Given
        _github.Refusing(403);
        // When
        var result = InProcessCli.Run(Environment(), "check", "--iac", "iac/compliant/terraform/terraform.tfstate",
            "--live-file", "iac/live/shop-https-office.json", "--open-pr", "--tf-dir", "iac/compliant/terraform");
        // Then
        result.ExitCode.ShouldBe(0);
        result.Error.ShouldContain("warning: --open-pr: cannot open the drift pull request");
    }
}
