using System.Text;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;
using DriftGuard.Core.Reports.GitHub;

namespace DriftGuard.Core.Tests.Reports;

public sealed class GitHubActionsOutputTests
{
    [Theory]
    [InlineData("100% open\r\nnext", "100%25 open%0D%0Anext")]
    [InlineData("a:b,c", "a:b,c")]
    public void EscapeData_WhenMessageHasSpecialCharacters_ShouldPercentEncodeThem(string input, string expected)
    {
        // Given a message
        // When
        var escaped = WorkflowCommand.EscapeData(input);
        // Then
        escaped.ShouldBe(expected);
    }

    [Fact]
    public void EscapeProperty_WhenValueHasColonAndComma_ShouldEncodeThemToo()
    {
        // Given a file name that would otherwise end the property list
        // When
        var escaped = WorkflowCommand.EscapeProperty("C:/iac/a,b%.tf\n");
        // Then
        escaped.ShouldBe("C%3A/iac/a%2Cb%25.tf%0A");
    }

    [Fact]
    public void WriteAnnotations_WhenFindingTitleHasCommandSyntax_ShouldNotStartASecondCommand()
    {
        // Given a finding whose message tries to inject a second workflow command
        var group = new SecurityGroup("web") { Origin = new SourceLocation("iac/main.tf", 7, "web") };
        var finding = new Finding("DG-SG-001", Severity.High, "SSH, open: yes", [], group, null)
        {
            Message = "bad\n::error file=x::injected",
        };
        var output = new StringWriter();
        // When
        new GitHubActionsOutput("/").WriteAnnotations(new ScanReport("gate") { Findings = [finding] }, output);
        // Then
        output.ToString().ShouldBe("::error file=iac/main.tf,line=7,title=DG-SG-001 SSH%2C open%3A yes::bad%0A::error file=x::injected (web: group)\n");
    }

    [Theory]
    [InlineData(Severity.Critical, "error")]
    [InlineData(Severity.High, "error")]
    [InlineData(Severity.Medium, "warning")]
    [InlineData(Severity.Low, "notice")]
    public void Level_WhenSeverityGiven_ShouldMapToAnnotationLevel(Severity severity, string level)
    {
        // Given a severity
        // When
        var actual = GitHubActionsOutput.Level(severity);
        // Then
        actual.ShouldBe(level);
    }

    [Fact]
    public void WriteAnnotations_WhenMoreThanTenErrors_ShouldAnnotateTenAndSummariseTheRest()
    {
        // Given 13 high findings
        var group = new SecurityGroup("web") { Origin = new SourceLocation("main.tf", 1, "web") };
        var findings = Enumerable.Range(1, 13)
            .Select(i => new Finding($"DG-SG-{i:000}", Severity.High, "open", [], group, null))
            .ToList();
        var output = new StringWriter();
        // When
        new GitHubActionsOutput("/").WriteAnnotations(new ScanReport("gate") { Findings = findings }, output);
        // Then
        var lines = output.ToString().TrimEnd('\n').Split('\n');
        lines.Count(l => l.StartsWith("::error ")).ShouldBe(10);
        lines.Last().ShouldBe("DriftGuard: 3 errors not annotated (GitHub shows at most 10 per level per step); see the job summary.");
        lines.Length.ShouldBe(11);
    }

    [Fact]
    public void WriteAnnotations_WhenFindingWaived_ShouldNotAnnotateIt()
    {
        // Given the sample report (one waived finding, one accepted drift)
        var output = new StringWriter();
        // When
        new GitHubActionsOutput(SampleReports.BaseDirectory).WriteAnnotations(SampleReports.Check(), output);
        // Then
        output.ToString().ShouldNotContain("DG-SG-002");
        output.ToString().ShouldNotContain("sgr-0002");
        output.ToString().Split('\n').Count(l => l.StartsWith("::")).ShouldBe(5 + 5);
    }

    [Fact]
    public void Write_WhenNotInGitHubActions_ShouldWriteNothing()
    {
        // Given an environment without GITHUB_ACTIONS
        var output = new StringWriter();
        // When
        new GitHubActionsOutput("/").Write(SampleReports.Check(), output, _ => null);
        // Then
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Write_WhenInGitHubActions_ShouldAppendMarkdownToStepSummary()
    {
        // Given a step summary file that already holds another step's text
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "previous\n");
        var env = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = path };
        try
        {
            // When
            new GitHubActionsOutput("/").Write(SampleReports.CleanGate(), new StringWriter(), k => env.GetValueOrDefault(k));
            // Then
            File.ReadAllText(path).ShouldBe("previous\n## DriftGuard gate\n\n✅ no findings, 2 groups\n");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AppendStepSummary_WhenReportExceedsLimit_ShouldTruncateUnderTheLimitWithANote()
    {
        // Given a report whose Markdown is far larger than the limit
        var group = new SecurityGroup("web") { Origin = new SourceLocation("main.tf", 1, "web") };
        var findings = Enumerable.Range(1, 500)
            .Select(i => new Finding($"DG-SG-{i:000}", Severity.High, "é title " + new string('x', 100), [], group, null))
            .ToList();
        var path = Path.GetTempFileName();
        const int limit = 8 * 1024;
        try
        {
            // When
            var result = new GitHubActionsOutput("/").AppendStepSummary(new ScanReport("gate") { Findings = findings }, path, limit);
            // Then
            var bytes = File.ReadAllBytes(path);
            result.Truncated.ShouldBeTrue();
            bytes.Length.ShouldBeLessThan(limit);
            bytes.Length.ShouldBeGreaterThan(limit - 400);
            Encoding.UTF8.GetString(bytes).ShouldEndWith(GitHubActionsOutput.TruncationNote);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AppendStepSummary_WhenReportFits_ShouldWriteItWhole()
    {
        // Given the sample report and the real 1 MiB limit
        var path = Path.GetTempFileName();
        try
        {
            // When
            var result = new GitHubActionsOutput("/").AppendStepSummary(SampleReports.Check(), path);
            // Then
            result.Truncated.ShouldBeFalse();
            File.ReadAllText(path).ShouldBe(SampleReports.Render(new MarkdownReportWriter(), SampleReports.Check()));
        }
        finally { File.Delete(path); }
    }
}
