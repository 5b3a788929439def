using DriftGuard.Core.Incidents;
using DriftGuard.Core.Ledger;
using static DriftGuard.Core.Tests.Ledger.LedgerSamples;

namespace DriftGuard.Core.Tests.Incidents;

public sealed class IncidentReportTests
{
    [Fact]
    public void Build_WhenTheStoryIsInTheLedger_ShouldAnswerAllNineQuestions()
    {
        // Given / When
        var i = IncidentSamples.Report().Incidents.ShouldHaveSingleItem();
        var answers = IncidentText.Answers(i).ToDictionary(a => a.Question, a => a.Answer);
        // Then
        answers["What resource was affected"].ShouldContain("sg-0app (aws_security_group.app, iac/main.tf:12), account 123456789012, us-east-1");
        answers["What changed"].ShouldBe("rule added outside IaC: ingress tcp/22 from 0.0.0.0/0 (description \"debugging\")");
        answers["Who was responsible"].ShouldStartWith("alice@example.com (AssumedRole via role AWSReservedSSO_AdministratorAccess_0a1b2c3d, via console, from 203.0.113.7");
        answers["Which rules it violated"].ShouldContain("DG-SG-001 (critical)");
        answers["Which rules it violated"].ShouldContain("AWS-SecurityHub-EC2.13");
        answers["When it occurred"].ShouldBe("2026-06-01 12:00:00.000 UTC");
        answers["When it was identified and flagged"].ShouldBe("detected 2026-06-01 12:15:00.000 UTC (run check-1); flagged critical 2026-06-01 12:15:00.000 UTC");
        answers["When it was remediated and verified"].ShouldBe("remediated 2026-06-01 14:10:00.000 UTC; verified 2026-06-01 14:15:00.000 UTC");
        answers["Who remediated it"].ShouldBe($"{IncidentSamples.Remediator} (run remediate-1): revoked sgr-0abc");
        answers["What prevents a repeat"].ShouldContain("DG-SG-001 fails driftguard gate (--fail-on high)");
        answers["What prevents a repeat"].ShouldContain("gate enabled: .github/workflows/pr.yml runs driftguard gate on pull_request");
    }

    [Fact]
    public void Build_WhenTheStoryIsInTheLedger_ShouldMeasureTimeToDetectAndToRemediate()
    {
        // Given / When
        var i = IncidentSamples.Report().Incidents.ShouldHaveSingleItem();
        // Then: occurred 12:00 → detected 12:15 → verified 14:15
        i.TimeToDetect.ShouldBe(TimeSpan.FromMinutes(15));
        i.TimeToRemediate.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Build_WhenCloudTrailHadNoEvent_ShouldSayUnknownAndWhy()
    {
        // Given
        var d = Ssh();
        var run = new LedgerRun("check-1", "check", T0, null);
        var entries = new[]
        {
            LedgerEntry.For(LedgerEventType.Detected, d, run),
            LedgerEntry.For(LedgerEventType.Attributed, d, run) with { Attribution = ChangeAttribution.Unknown("no CloudTrail event names sg-0app between …: LookupEvents covers only the last 90 days") },
        };
        // When
        var i = IncidentBuilder.Build(LedgerHistory.Fold(entries), IncidentSamples.Options()).Incidents.ShouldHaveSingleItem();
        var answers = IncidentText.Answers(i).ToDictionary(a => a.Question, a => a.Answer);
        // Then
        answers["Who was responsible"].ShouldStartWith("unknown: no CloudTrail event names sg-0app");
        answers["When it occurred"].ShouldStartWith("unknown: ");
        i.TimeToDetect.ShouldBeNull();
    }

    [Fact]
    public void Build_WhenDriftsOfSeveralSeverities_ShouldCountThemByControlAndSeverity()
    {
        // Given: two critical SSH drifts and one medium
        var run = new LedgerRun("c", "check", T0, null);
        var entries = new[]
        {
            LedgerEntry.For(LedgerEventType.Detected, Ssh("sg-1"), run),
            LedgerEntry.For(LedgerEventType.Detected, Ssh("sg-2"), run),
            LedgerEntry.For(LedgerEventType.Detected, Ssh("sg-3") with { Severity = Model.Severity.Medium, Findings = [] }, run),
        };
        // When
        var s = IncidentBuilder.Build(LedgerHistory.Fold(entries), IncidentSamples.Options()).Summary;
        // Then
        s.BySeverity.ShouldBe([new("critical", 2), new("medium", 1)]);
        s.ByControl.ShouldBe([new("AWS-SecurityHub-EC2.13", 2), new("NIST-800-53-SC-7", 2)]);
        s.Open.ShouldBe(3);
    }

    [Fact]
    public void Build_WhenSinceIsAfterTheIncidentEnded_ShouldLeaveItOut()
    {
        // Given
        var options = IncidentSamples.Options() with { Since = T0.AddHours(3) };
        // When
        var report = IncidentBuilder.Build(LedgerHistory.Fold(IncidentSamples.Story()), options);
        // Then
        report.Incidents.ShouldBeEmpty();
    }

    [Fact]
    public void WriteMarkdown_WhenAttributionCarriesMarkup_ShouldEscapeIt()
    {
        // Given
        var entries = IncidentSamples.Story().Select(e => e.Attribution is null ? e : e with { Attribution = e.Attribution with { Actor = "<img src=x>|@ops" } });
        var report = IncidentBuilder.Build(LedgerHistory.Fold(entries), IncidentSamples.Options());
        var w = new StringWriter();
        // When
        IncidentMarkdownWriter.Write(report, w);
        // Then
        w.ToString().ShouldContain("&lt;img src=x&gt;\\|@\u200Dops");
        w.ToString().ShouldNotContain("<img");
    }

    [Fact]
    public void WriteJson_WhenTheStoryIsInTheLedger_ShouldCarryTimingsInSeconds()
    {
        // Given
        var w = new StringWriter();
        // When
        IncidentJsonWriter.Write(IncidentSamples.Report(), w);
        using var doc = System.Text.Json.JsonDocument.Parse(w.ToString());
        // Then
        var incident = doc.RootElement.GetProperty("incidents")[0];
        incident.GetProperty("timeToDetectSeconds").GetDouble().ShouldBe(900);
        incident.GetProperty("timeToRemediateSeconds").GetDouble().ShouldBe(7200);
        incident.GetProperty("answers").GetArrayLength().ShouldBe(9);
        doc.RootElement.GetProperty("summary").GetProperty("medianTimeToRemediateSeconds").GetDouble().ShouldBe(7200);
    }
}
