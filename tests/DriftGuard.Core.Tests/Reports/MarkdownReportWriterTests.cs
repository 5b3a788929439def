using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;

namespace DriftGuard.Core.Tests.Reports;

public sealed class MarkdownReportWriterTests
{
    [Fact]
    public void Write_WhenResourceNameCarriesMarkdownInjection_ShouldKeepEveryTableRowIntact()
    {
        // Given a finding whose resource, title and file name try to break out of the table
        var group = new SecurityGroup("evil|</td><script>x</script>\n| injected | row |")
        {
            Origin = new SourceLocation("iac/`weird`|name.tf", 3, "evil|</td><script>x</script>\n| injected | row |"),
        };
        var finding = new Finding("DG-SG-001", Severity.High, "SSH @everyone `open`", [], group, null);
        var report = new ScanReport("gate") { Findings = [finding], Groups = [group] };
        // When
        var markdown = SampleReports.Render(new MarkdownReportWriter(), report);
        // Then the findings table has its header, separator and exactly one row of five cells
        var rows = markdown.Split('\n').Where(l => l.StartsWith('|')).ToList();
        rows.Count.ShouldBe(3);
        UnescapedPipes(rows[2]).ShouldBe(6);
        markdown.ShouldNotContain("<script>");
        markdown.ShouldNotContain("@everyone");
    }

    [Fact]
    public void Write_WhenFindingsFailTheThreshold_ShouldStartWithFailedSummaryLine()
    {
        // Given the sample check report (2 failing, 1 waived, 3 groups)
        // When
        var markdown = SampleReports.Render(new MarkdownReportWriter(), SampleReports.Check());
        // Then
        markdown.Split('\n')[2].ShouldStartWith("❌ 2 failed, 3 below high, 1 waived");
    }

    [Fact]
    public void Write_WhenNothingFound_ShouldSayNoFindings()
    {
        // Given a clean gate
        // When
        var markdown = SampleReports.Render(new MarkdownReportWriter(), SampleReports.CleanGate());
        // Then
        markdown.ShouldContain("✅ no findings, 2 groups");
        markdown.ShouldNotContain("| Severity |");
    }

    [Fact]
    public void Write_WhenErrorsPresent_ShouldFoldThemInDetails()
    {
        // Given the sample report with one input error
        // When
        var markdown = SampleReports.Render(new MarkdownReportWriter(), SampleReports.Check());
        // Then
        markdown.ShouldContain("<details><summary>1 error</summary>\n\n- iac/broken.tf.json:3: unexpected character '&lt;' at column 7\n\n</details>");
    }

    private static int UnescapedPipes(string row) =>
        row.Where((c, i) => c == '|' && (i == 0 || row[i - 1] != '\\')).Count();
}
