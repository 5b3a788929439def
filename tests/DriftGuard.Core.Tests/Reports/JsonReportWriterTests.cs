using System.Text.Json.Nodes;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;

namespace DriftGuard.Core.Tests.Reports;

public sealed class JsonReportWriterTests
{
    [Fact]
    public void Write_WhenSampleCheckReport_ShouldMatchTheDocumentedSchema()
    {
        // Given a report with every kind of item
        // When
        var json = SampleReports.Render(new JsonReportWriter(), SampleReports.Check());
        // Then
        SchemaValidation.ShouldMatchReportSchema(json);
    }

    [Fact]
    public void Write_WhenCleanGateReport_ShouldMatchTheDocumentedSchema()
    {
        // Given an empty gate report
        // When
        var json = SampleReports.Render(new JsonReportWriter(), SampleReports.CleanGate());
        // Then
        SchemaValidation.ShouldMatchReportSchema(json);
    }

    [Fact]
    public void ReportSchema_WhenSeverityUnknown_ShouldRejectIt()
    {
        // Given our sample report with a severity the format does not define
        var json = JsonNode.Parse(SampleReports.Render(new JsonReportWriter(), SampleReports.Check()))!;
        json["findings"]![0]!["severity"] = "urgent";
        // When
        var valid = SchemaValidation.IsValidReport(json.ToJsonString());
        // Then the schema check is not vacuous
        valid.ShouldBeFalse();
    }

    [Fact]
    public void Write_WhenFailOnNever_ShouldWriteNeverThreshold()
    {
        // Given --fail-on never
        Severities.TryParseThreshold("never", out var never).ShouldBeTrue();
        var report = SampleReports.CleanGate() with { FailOn = never };
        // When
        var json = JsonNode.Parse(SampleReports.Render(new JsonReportWriter(), report))!;
        // Then
        json["summary"]!["failOn"]!.GetValue<string>().ShouldBe("never");
        SchemaValidation.ShouldMatchReportSchema(json.ToJsonString());
    }

    [Fact]
    public void Write_WhenRuleIsIcmp_ShouldWriteTypeAndCodeAsPorts()
    {
        // Given the sample report's ICMP echo finding
        // When
        var json = JsonNode.Parse(SampleReports.Render(new JsonReportWriter(), SampleReports.Check()))!;
        // Then
        var icmp = json["findings"]!.AsArray().Single(f => f!["policyId"]!.GetValue<string>() == "DG-SG-010")!;
        (icmp["protocol"]!.GetValue<string>(), icmp["fromPort"]!.GetValue<int>(), icmp["toPort"]!.GetValue<int>()).ShouldBe(("icmp", 8, 0));
    }

    [Fact]
    public void Write_WhenRuleIsProtocolAll_ShouldWriteNullPorts()
    {
        // Given the sample report's all-traffic finding
        // When
        var json = JsonNode.Parse(SampleReports.Render(new JsonReportWriter(), SampleReports.Check()))!;
        // Then
        var all = json["findings"]!.AsArray().Single(f => f!["policyId"]!.GetValue<string>() == "DG-SG-003")!.AsObject();
        all["protocol"]!.GetValue<string>().ShouldBe("all");
        all.ContainsKey("fromPort").ShouldBeTrue();
        all["fromPort"].ShouldBeNull();
        all["toPort"].ShouldBeNull();
    }
}

public sealed class JsonReportDocsTests
{
    [Fact]
    public void JsonReportDoc_WhenExampleRead_ShouldMatchTheSchema()
    {
        // Given the example in docs/json-report.md
        var doc = File.ReadAllText(Path.Combine(Golden.RepoRoot, "docs", "json-report.md"));
        var start = doc.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        // When
        var valid = SchemaValidation.IsValidReport(example);
        // Then the documentation shows a document the schema accepts
        valid.ShouldBeTrue();
    }
}
