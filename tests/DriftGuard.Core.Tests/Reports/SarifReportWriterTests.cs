using System.Text.Json.Nodes;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;
using DriftGuard.Core.Reports.Sarif;

namespace DriftGuard.Core.Tests.Reports;

public sealed class SarifReportWriterTests
{
    private static readonly SarifReportWriter Writer = new(new SarifOptions { BaseDirectory = SampleReports.BaseDirectory });

    [Fact]
    public void Write_WhenSampleCheckReport_ShouldMatchTheOfficialSarifSchema()
    {
        // Given a report with findings, a waived finding and drifts of every kind
        // When
        var sarif = SampleReports.Render(Writer, SampleReports.Check());
        // Then
        SchemaValidation.ShouldMatchSarifSchema(sarif);
    }

    [Fact]
    public void Write_WhenCleanGateReport_ShouldMatchTheOfficialSarifSchema()
    {
        // Given no findings
        // When
        var sarif = SampleReports.Render(Writer, SampleReports.CleanGate());
        // Then
        SchemaValidation.ShouldMatchSarifSchema(sarif);
    }

    [Theory]
    [InlineData("level", "fatal")]
    [InlineData("ruleIndex", "-2")]
    public void SarifSchema_WhenResultIsBroken_ShouldRejectIt(string property, string value)
    {
        // Given our sample SARIF with one result property made invalid
        var log = JsonNode.Parse(SampleReports.Render(Writer, SampleReports.Check()))!;
        log["runs"]![0]!["results"]![0]![property] = JsonNode.Parse(property == "level" ? $"\"{value}\"" : value);
        // When
        var valid = SchemaValidation.IsValidSarif(log.ToJsonString());
        // Then the schema check is not vacuous
        valid.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Severity.Critical, "error", "9.5")]
    [InlineData(Severity.High, "error", "8.0")]
    [InlineData(Severity.Medium, "warning", "5.5")]
    [InlineData(Severity.Low, "note", "3.0")]
    [InlineData(Severity.None, "note", "0.0")]
    public void ToSarif_WhenSeverityGiven_ShouldReturnLevelAndSecuritySeverity(Severity severity, string level, string securitySeverity)
    {
        // Given a severity
        // When
        var mapped = SarifSeverity.ToSarif(severity);
        // Then
        mapped.ShouldBe((level, securitySeverity));
    }

    [Fact]
    public void Build_WhenEveryResultWritten_ShouldGiveEachALocationAtLineOneOrLater()
    {
        // Given the sample report, whose unmanaged group has no declaration
        // When
        var results = Writer.Build(SampleReports.Check()).Runs[0].Results;
        // Then
        results.ShouldAllBe(r => r.Locations != null && r.Locations.Count == 1 && r.Locations[0].PhysicalLocation.Region.StartLine >= 1);
        var rogue = results.Single(r => r.RuleId == "DRIFT-UNMANAGED-GROUP");
        rogue.Locations![0].PhysicalLocation.ArtifactLocation.Uri.ShouldBe("iac/main.tf");
        rogue.Locations![0].PhysicalLocation.Region.StartLine.ShouldBe(1);
        rogue.Message.Text.ShouldContain("sg-0rogue");
    }

    [Fact]
    public void Build_WhenDriftHasNoFile_ShouldLocateItWhereItsGroupIsDeclared()
    {
        // Given the accepted unmanaged rule on sg-0db, declared at iac/main.tf:40
        // When
        var result = Writer.Build(SampleReports.Check()).Runs[0].Results.Single(r => r.Message.Text.Contains("sgr-0002"));
        // Then
        (result.Locations![0].PhysicalLocation.ArtifactLocation.Uri, result.Locations[0].PhysicalLocation.Region.StartLine)
            .ShouldBe(("iac/main.tf", 40));
    }

    [Fact]
    public void Build_WhenFindingWaived_ShouldWriteExternalSuppressionWithTheReason()
    {
        // Given the waived RDP finding
        // When
        var result = Writer.Build(SampleReports.Check()).Runs[0].Results.Single(r => r.RuleId == "DG-SG-002");
        // Then
        var suppression = result.Suppressions.ShouldHaveSingleItem();
        (suppression.Kind, suppression.Justification).ShouldBe(("external", "Bastion host | SEC-1234 (owner @alice) <script>"));
    }

    [Fact]
    public void Build_WhenFindingMovesToAnotherLine_ShouldKeepItsFingerprint()
    {
        // Given the same finding declared 30 lines lower
        var report = SampleReports.Check();
        var f = report.Findings.Single(x => x.PolicyId == "DG-SG-001");
        var moved = report with
        {
            Findings = [f with { Rule = f.Rule! with { Origin = f.Rule.Origin! with { Line = 44 } } }],
            Drifts = [],
        };
        // When
        var before = Writer.Build(report with { Findings = [f], Drifts = [] }).Runs[0].Results.Single().PartialFingerprints;
        var after = Writer.Build(moved).Runs[0].Results.Single().PartialFingerprints;
        // Then
        after.ShouldBe(before);
    }

    [Fact]
    public void Build_WhenTwoFindingsDifferOnlyInPort_ShouldGiveDifferentFingerprints()
    {
        // Given two SSH-like findings on different ports of the same group
        var report = SampleReports.Check();
        var f = report.Findings.Single(x => x.PolicyId == "DG-SG-001");
        var other = f with { Rule = f.Rule! with { FromPort = 2222, ToPort = 2222 } };
        // When
        var results = Writer.Build(report with { Findings = [f, other], Drifts = [] }).Runs[0].Results;
        // Then
        results[0].PartialFingerprints[SarifReportWriter.FingerprintKey].ShouldNotBe(results[1].PartialFingerprints[SarifReportWriter.FingerprintKey]);
    }

    [Fact]
    public void Build_WhenResultWritten_ShouldPointRuleIndexAtItsRule()
    {
        // Given the sample report
        // When
        var run = Writer.Build(SampleReports.Check()).Runs[0];
        // Then
        run.Results.ShouldAllBe(r => run.Tool.Driver.Rules[r.RuleIndex].Id == r.RuleId);
        run.Tool.Driver.Rules.Select(r => r.Id).ShouldBe(
            ["DG-SG-001", "DG-SG-002", "DG-SG-003", "DG-SG-007", "DG-SG-010", "DG-SG-020",
             "DRIFT-CHANGED", "DRIFT-MISSING", "DRIFT-MISSING-GROUP", "DRIFT-UNMANAGED", "DRIFT-UNMANAGED-GROUP"]);
    }

    [Theory]
    [InlineData("iac/main.tf", "/repo", "iac/main.tf")]
    [InlineData("/repo/iac/cfn stack.yaml", "/repo", "iac/cfn%20stack.yaml")]
    [InlineData(@"iac\modules\net.tf.json", "/repo", "iac/modules/net.tf.json")]
    [InlineData("./iac/../iac/main.tf", "/repo/", "iac/main.tf")]
    public void Relative_WhenFileGiven_ShouldReturnRepositoryRelativeForwardSlashUri(string file, string baseDirectory, string uri)
    {
        // Given a file as the user spelled it
        // When
        var relative = SarifUris.Relative(file, baseDirectory);
        // Then
        relative.ShouldBe(uri);
    }

    [Fact]
    public void Write_WhenWritten_ShouldDeclareSarifVersionAndDriver()
    {
        // Given the sample report
        // When
        var log = JsonNode.Parse(SampleReports.Render(Writer, SampleReports.Check()))!;
        // Then
        log["version"]!.GetValue<string>().ShouldBe("2.1.0");
        log["runs"]![0]!["tool"]!["driver"]!["name"]!.GetValue<string>().ShouldBe("DriftGuard");
        log["runs"]![0]!["tool"]!["driver"]!["rules"]![0]!["properties"]!["security-severity"]!.GetValue<string>().ShouldBe("8.0");
    }
}
