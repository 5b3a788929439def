namespace DriftGuard.Cli.Tests.Gate;

/// <summary>Every real public IaC file in ../shared/cases/iac is read without a crash; invalid ones get clear errors.</summary>
public class SharedIacCorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Cases, "iac"), "*", SearchOption.AllDirectories).Order())
            if (!f.EndsWith("SOURCES.md", StringComparison.Ordinal)) data.Add(Path.GetRelativePath(Repo.Cases, f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Gate_WhenRealIacFileRead_ShouldNeverCrashAndExplainEveryError(string relative)
    {
        // When
        var result = CliRunner.Run("gate", Path.Combine(Repo.Cases, relative), "--format", "json", "--fail-on", "never");
        // Then
        result.Error.ShouldNotContain("internal error");
        result.Error.ShouldNotContain("   at ");
        result.ExitCode.ShouldBeOneOf(0, 2);
        var root = result.Json().RootElement;
        if (result.ExitCode == 2)
            foreach (var e in root.GetProperty("errors").EnumerateArray())
                e.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("iac/tf-plan-json/regula-ingress-anywhere.plan.json", "iac/tf-plan-json/regula-ingress-anywhere.utf16le-bom.plan.json")]
    [InlineData("iac/cfn-yaml/awscfn-fargate-public-vpc.yaml", "iac/cfn-json/awscfn-fargate-public-vpc.json")]
    public void Gate_WhenSameInfrastructureInTwoEncodings_ShouldGiveSameFindings(string a, string b)
    {
        // When
        var first = CliRunner.Run("gate", Path.Combine(Repo.Cases, a), "--format", "json", "--fail-on", "never");
        var second = CliRunner.Run("gate", Path.Combine(Repo.Cases, b), "--format", "json", "--fail-on", "never");
        // Then
        static string Key(System.Text.Json.JsonElement f) => $"{f.GetProperty("policyId")}|{f.GetProperty("resource")}|{f.GetProperty("protocol")}|{f.GetProperty("fromPort")}|{f.GetProperty("toPort")}|{f.GetProperty("source")}";
        second.Findings().Select(Key).Order().ShouldBe(first.Findings().Select(Key).Order());
        first.Findings().ShouldNotBeEmpty();
    }
}
