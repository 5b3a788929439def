using System.Text.Json;

namespace DriftGuard.GitHub.Tests.Action;

/// <summary>The composite action run as a runner would, over the example stacks.</summary>
public sealed class ActionRunTests : IDisposable
{
    private readonly ActionRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    [Fact]
    public void Action_WhenGatingInsecureStacks_ShouldFailWithTheToolsExitCodeAndReportTheSshFinding()
    {
        // When
        var result = _runner.Run(new Dictionary<string, string> { ["iac"] = "iac/insecure/" });
        // Then
        result.ExitCode.ShouldBe(1, result.Log);
        result.Outputs["exit-code"].ShouldBe("1");
        int.Parse(result.Outputs["findings"]).ShouldBeGreaterThanOrEqualTo(2);
        File.ReadAllText(result.Outputs["report-file"]).ShouldContain("\"policyId\": \"DG-SG-001\"");
        result.Summary.ShouldContain("DG-SG-001");
        result.Log.ShouldContain("::error");
    }

    [Fact]
    public void Action_WhenGatingCompliantStacks_ShouldPassAndWriteEveryOutput()
    {
        // When
        var result = _runner.Run(new Dictionary<string, string> { ["iac"] = "iac/compliant/" });
        // Then
        result.ExitCode.ShouldBe(0, result.Log);
        result.Outputs["exit-code"].ShouldBe("0");
        result.Outputs["drifts"].ShouldBe("0");
        using var report = JsonDocument.Parse(File.ReadAllText(result.Outputs["report-file"]));
        var summary = report.RootElement.GetProperty("summary");
        result.Outputs["findings"].ShouldBe((summary.GetProperty("findings").GetInt32() - summary.GetProperty("waived").GetInt32()).ToString());
        using var sarif = JsonDocument.Parse(File.ReadAllText(result.Outputs["sarif-file"]));
        sarif.RootElement.GetProperty("version").GetString().ShouldBe("2.1.0");
        result.Outputs["sarif-file"].ShouldStartWith(_runner.Temp);
    }

    [Fact]
    public void Action_WhenSarifIsFalse_ShouldWriteNoSarifFile()
    {
        // When
        var result = _runner.Run(new Dictionary<string, string> { ["iac"] = "iac/compliant/", ["sarif"] = "false" });
        // Then
        result.ExitCode.ShouldBe(0, result.Log);
        result.Outputs["sarif-file"].ShouldBeEmpty();
        Directory.GetFiles(_runner.Temp, "*.sarif", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public void Action_WhenIacListsSeveralPathsWithSpaces_ShouldPassEachAsOneArgument()
    {
        // Given: two stacks, one in a folder whose name has spaces and shell characters
        var odd = Path.Combine(_runner.Temp, "my stack $(echo x) ; *");
        Directory.CreateDirectory(odd);
        File.Copy(Repo.Path_("iac", "insecure", "terraform", "plan.json"), Path.Combine(odd, "plan.json"));
        // When
        var result = _runner.Run(new Dictionary<string, string> { ["iac"] = $"iac/compliant/cloudformation/shop.yaml\n  {odd}  \n\n" });
        // Then
        result.ExitCode.ShouldBe(1, result.Log);
        using var report = JsonDocument.Parse(File.ReadAllText(result.Outputs["report-file"]));
        report.RootElement.GetProperty("summary").GetProperty("files").GetInt32().ShouldBe(2);
        report.RootElement.GetProperty("findings").EnumerateArray()
            .ShouldContain(f => f.GetProperty("policyId").GetString() == "DG-SG-001" && f.GetProperty("file").GetString() == Path.Combine(odd, "plan.json"));
    }

    [Fact]
    public void Action_WhenAnInputHoldsShellSyntax_ShouldPassItLiterallyAndRunNothing()
    {
        // Given
        var marker = Path.Combine(_runner.Temp, "pwned");
        // When
        var result = _runner.Run(new Dictionary<string, string> { ["iac"] = "iac/compliant/", ["policy"] = $"$(touch {marker})`touch {marker}`" });
        // Then: the policy file does not exist (a usage error), and no command ran
        result.ExitCode.ShouldBe(2, result.Log);
        result.Outputs["exit-code"].ShouldBe("2");
        File.Exists(marker).ShouldBeFalse();
    }

    [Theory]
    [InlineData("comment", "yes")]
    [InlineData("command", "destroy")]
    [InlineData("iac", "   ")]
    public void Action_WhenAnInputIsInvalid_ShouldStopWithUsageErrorAndAnnotation(string input, string value)
    {
        // When
        var result = _runner.Run(new Dictionary<string, string> { ["iac"] = "iac/compliant/", [input] = value });
        // Then
        result.ExitCode.ShouldBe(2);
        result.Outputs["exit-code"].ShouldBe("2");
        result.Log.ShouldContain($"::error title=DriftGuard action::input '{input}'");
    }

    [Fact]
    public void Action_WhenCommentIsTrueOnAPullRequest_ShouldPostTheStickyCommentWithTheGivenToken()
    {
        // Given
        using var github = new FakeGitHub().WithComments("octo-org/infra", 5, []);
        File.WriteAllText(_runner.EventFile, """{"pull_request":{"number":5,"head":{"sha":"0123456789abcdef0123456789abcdef01234567"}}}""");
        _runner.ExtraEnvironment["GITHUB_API_URL"] = github.ApiUrl.ToString();
        // When
        var result = _runner.Run(new Dictionary<string, string> { ["iac"] = "iac/insecure/", ["comment"] = "true", ["github-token"] = "ghs_app_token" });
        // Then
        result.ExitCode.ShouldBe(1, result.Log);
        github.Requests[^1].ShouldBe("POST /api/v3/repos/octo-org/infra/issues/5/comments");
        github.Authorizations.ShouldAllBe(a => a == "Token ghs_app_token");
    }

    [Fact]
    public void Action_WhenGitHubTokenIsNotGiven_ShouldUseTheWorkflowTokenDefault()
    {
        // Given
        using var github = new FakeGitHub().WithComments("octo-org/infra", 5, []);
        File.WriteAllText(_runner.EventFile, """{"pull_request":{"number":5,"head":{"sha":"0123456789abcdef0123456789abcdef01234567"}}}""");
        _runner.ExtraEnvironment["GITHUB_API_URL"] = github.ApiUrl.ToString();
        // When
        _runner.Run(new Dictionary<string, string> { ["iac"] = "iac/compliant/", ["comment"] = "true" });
        // Then
        github.Authorizations.ShouldAllBe(a => a == "Token " + ActionRunner.DefaultToken);
    }
}
