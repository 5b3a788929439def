using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;

namespace DriftGuard.Core.Tests.Reports;

public sealed class TextReportWriterTests
{
    [Fact]
    public void Write_WhenFindingsOfMixedSeverity_ShouldListMostSevereFirstThenByFileAndLine()
    {
        // Given the sample report
        // When
        var lines = SampleReports.Render(new TextReportWriter(), SampleReports.Check()).Split('\n');
        // Then
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["SEVERITY", "POLICY", "RESOURCE", "RULE", "LOCATION"]);
        lines.Skip(1).Take(6).Select(l => l.Split(' ')[0])
             .ShouldBe(["critical", "high", "medium", "medium", "low", "low"]);
        lines[5].ShouldEndWith("iac/cfn stack.yaml:12");
        lines[6].ShouldEndWith("iac/main.tf:40");
    }

    [Fact]
    public void Write_WhenCheckReport_ShouldPrintCountsInTheSummaryLine()
    {
        // Given the sample report
        // When
        var text = SampleReports.Render(new TextReportWriter(), SampleReports.Check());
        // Then
        text.ShouldContain("\n6 drifts (2 at ≥ high, 1 accepted) in 3 groups from 3 files; 6 findings (2 failed, 1 waived)\n");
    }

    [Fact]
    public void Write_WhenWarningPresent_ShouldPrintCompilerStyleLine()
    {
        // Given the sample report
        // When
        var text = SampleReports.Render(new TextReportWriter(), SampleReports.Check());
        // Then
        text.ShouldContain("\nwarning: iac/main.tf:22: from_port and to_port are ignored for protocol -1\n");
    }

    [Fact]
    public void Write_WhenResourceContainsTerminalEscapes_ShouldPrintNoControlCharacters()
    {
        // Given a resource name carrying an ANSI escape and a newline
        var group = new SecurityGroup("web\u001b[2J\nfake: row") { Origin = new SourceLocation("main.tf", 1, "web\u001b[2J\nfake: row") };
        var report = new ScanReport("gate") { Findings = [new Finding("DG-SG-001", Severity.High, "SSH", [], group, null)] };
        // When
        var text = SampleReports.Render(new TextReportWriter(), report);
        // Then
        text.ShouldNotContain('\u001b');
        text.Split('\n').Count(l => l.Contains("fake: row")).ShouldBe(1);
    }
}
