using DriftGuard.Core.Drift;
using DriftGuard.Core.Incidents;
using DriftGuard.Core.Ledger;
using DriftGuard.Core.Reports;
using static DriftGuard.Core.Tests.Ledger.LedgerSamples;

namespace DriftGuard.Core.Tests.Incidents;

public sealed class CheckResultMergerTests
{
    private static string CheckJson(DateTimeOffset at, params DriftItem[] drifts)
    {
        var w = new StringWriter();
        new JsonReportWriter().Write(new ScanReport("check") { GeneratedAt = at, Drifts = drifts }, w);
        return w.ToString();
    }

    [Fact]
    public void Read_WhenTwoJobsReportedDrifts_ShouldMergeThemIntoOneReport()
    {
        // Given: a matrix job per account
        var prod = CheckJson(T0, Ssh("sg-0prod", account: "111111111111"));
        var dev = CheckJson(T0.AddMinutes(2), Ssh("sg-0dev", region: "eu-west-1", account: "222222222222"));
        // When
        var (a, pa) = CheckResultMerger.Read(prod, "prod.json");
        var (b, pb) = CheckResultMerger.Read(dev, "dev.json");
        var report = IncidentBuilder.Build(LedgerHistory.Fold([.. a, .. b]), IncidentSamples.Options());
        // Then
        pa.ShouldBeEmpty();
        pb.ShouldBeEmpty();
        report.Incidents.Select(i => (i.History.Latest.Account, i.History.Latest.GroupId, i.DetectedAt)).ShouldBe(
            [("222222222222", "sg-0dev", T0.AddMinutes(2)), ("111111111111", "sg-0prod", T0)], ignoreOrder: true);
        report.Summary.Incidents.ShouldBe(2);
    }

    [Fact]
    public void Read_WhenTheResultCarriesFindingIds_ShouldTakeControlsFromTheCatalogue()
    {
        // Given
        var (entries, _) = CheckResultMerger.Read(CheckJson(T0, Ssh()), "r.json");
        // When
        var finding = entries.ShouldHaveSingleItem().Findings!.ShouldHaveSingleItem();
        // Then
        finding.PolicyId.ShouldBe("DG-SG-001");
        finding.Controls.ShouldContain("AWS-SecurityHub-EC2.13");
    }

    [Fact]
    public void Read_WhenTheSameDriftIsInTwoResults_ShouldBeOneIncidentFirstSeenInTheEarlierJob()
    {
        // Given
        var (a, _) = CheckResultMerger.Read(CheckJson(T0.AddMinutes(10), Ssh()), "later.json");
        var (b, _) = CheckResultMerger.Read(CheckJson(T0, Ssh()), "earlier.json");
        // When
        var report = IncidentBuilder.Build(LedgerHistory.Fold([.. a, .. b]), IncidentSamples.Options());
        // Then
        report.Incidents.ShouldHaveSingleItem().DetectedAt.ShouldBe(T0);
    }

    [Fact]
    public void Read_WhenTheFileIsNotACheckResult_ShouldReportOneProblem()
    {
        // Given / When
        var (entries, problems) = CheckResultMerger.Read("{\"not\":", "broken.json");
        // Then
        entries.ShouldBeEmpty();
        problems.ShouldHaveSingleItem().Message.ShouldStartWith("not a DriftGuard JSON result");
    }
}
