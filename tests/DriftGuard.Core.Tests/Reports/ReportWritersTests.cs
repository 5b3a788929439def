using DriftGuard.Core.Reports;

namespace DriftGuard.Core.Tests.Reports;

public sealed class ReportWritersTests
{
    [Fact]
    public void Get_WhenEachListedFormatRequested_ShouldReturnWriterOfThatFormat()
    {
        // Given every listed format
        // When
        var writers = ReportWriters.Formats.Select(f => ReportWriters.Get(f));
        // Then
        writers.Select(w => w.Format).ShouldBe(ReportWriters.Formats);
    }

    [Fact]
    public void Get_WhenFormatUnknown_ShouldThrowListingTheKnownFormats()
    {
        // Given an unknown format
        // When
        var ex = Should.Throw<ArgumentException>(() => ReportWriters.Get("xml"));
        // Then
        ex.Message.ShouldContain("unknown report format 'xml'; expected one of: text, json, markdown, sarif");
    }
}
