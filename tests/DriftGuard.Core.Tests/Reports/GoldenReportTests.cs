using DriftGuard.Core.Reports;

namespace DriftGuard.Core.Tests.Reports;

public sealed class GoldenReportTests
{
    public static TheoryData<string, string> Formats => new()
    {
        { "text", "check.txt" },
        { "json", "check.json" },
        { "markdown", "check.md" },
        { "sarif", "check.sarif" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Write_WhenSampleCheckReport_ShouldMatchGoldenFile(string format, string golden)
    {
        // Given a check report with every kind of item
        var writer = ReportWriters.Get(format, SampleReports.BaseDirectory);
        // When
        var output = SampleReports.Render(writer, SampleReports.Check());
        // Then
        Golden.ShouldMatch(output, golden);
    }

    [Theory]
    [InlineData("text", "clean-gate.txt")]
    [InlineData("markdown", "clean-gate.md")]
    [InlineData("json", "clean-gate.json")]
    public void Write_WhenGateFoundNothing_ShouldMatchGoldenFile(string format, string golden)
    {
        // Given a gate report without findings
        var writer = ReportWriters.Get(format, SampleReports.BaseDirectory);
        // When
        var output = SampleReports.Render(writer, SampleReports.CleanGate());
        // Then
        Golden.ShouldMatch(output, golden);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    [InlineData("sarif")]
    public void Write_WhenInputOrderShuffled_ShouldWriteIdenticalOutput(string format)
    {
        // Given the same report with every list reversed
        var report = SampleReports.Check();
        var reversed = report with
        {
            Findings = [.. report.Findings.Reverse()],
            Drifts = [.. report.Drifts.Reverse()],
            Skipped = [.. report.Skipped.Reverse()],
            Inputs = [.. report.Inputs],
        };
        var writer = ReportWriters.Get(format, SampleReports.BaseDirectory);
        // When
        var a = SampleReports.Render(writer, report);
        var b = SampleReports.Render(writer, reversed);
        // Then
        b.ShouldBe(a);
    }
}
