using DriftGuard.Core.Drift;
using DriftGuard.Core.Ledger;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.Ledger.LedgerSamples;

namespace DriftGuard.Core.Tests.Ledger;

public sealed class LedgerHistoryTests
{
    private static LedgerEntry At(LedgerEventType type, DriftItem d, TimeSpan after, string run, string? by = null) =>
        LedgerEntry.For(type, d, new LedgerRun(run, "check", T0 + after, by));

    [Fact]
    public void Fold_WhenSeenByThreeRuns_ShouldKeepFirstAndLastSeenAndEveryRun()
    {
        // Given
        var d = Ssh();
        var entries = new[] { At(LedgerEventType.Detected, d, TimeSpan.FromMinutes(30), "r2"), At(LedgerEventType.Detected, d, TimeSpan.Zero, "r1"), At(LedgerEventType.Detected, d, TimeSpan.FromHours(1), "r3") };
        // When
        var h = LedgerHistory.Fold(entries).ShouldHaveSingleItem();
        // Then
        h.FirstSeen.ShouldBe(T0);
        h.LastSeen.ShouldBe(T0.AddHours(1));
        h.Runs.ShouldBe(["r1", "r2", "r3"]);
        h.FirstRun.ShouldBe("r1");
        h.Open.ShouldBeTrue();
    }

    [Fact]
    public void Fold_WhenRemediatedAndVerified_ShouldRecordWhenAndByWhom()
    {
        // Given
        var d = Ssh();
        var entries = new[]
        {
            At(LedgerEventType.Detected, d, TimeSpan.Zero, "c1"),
            At(LedgerEventType.Remediated, d, TimeSpan.FromSeconds(40), "m1", "arn:aws:sts::123456789012:assumed-role/DriftGuard/remediate"),
            At(LedgerEventType.Verified, d, TimeSpan.FromSeconds(45), "m1", "arn:aws:sts::123456789012:assumed-role/DriftGuard/remediate"),
        };
        // When
        var h = LedgerHistory.Fold(entries).ShouldHaveSingleItem();
        // Then
        h.RemediatedAt.ShouldBe(T0.AddSeconds(40));
        h.VerifiedAt.ShouldBe(T0.AddSeconds(45));
        h.RemediatedBy.ShouldBe("arn:aws:sts::123456789012:assumed-role/DriftGuard/remediate");
        h.Open.ShouldBeFalse();
        h.ResolvedWithoutRemediation.ShouldBeFalse();
    }

    [Fact]
    public void Fold_WhenSeenAgainAfterVerification_ShouldOpenASecondEpisode()
    {
        // Given
        var d = Ssh();
        var entries = new[]
        {
            At(LedgerEventType.Detected, d, TimeSpan.Zero, "c1"),
            At(LedgerEventType.Verified, d, TimeSpan.FromMinutes(1), "m1"),
            At(LedgerEventType.Detected, d, TimeSpan.FromDays(1), "c2"),
        };
        // When
        var histories = LedgerHistory.Fold(entries);
        // Then
        histories.Select(h => (h.Episode, h.Open)).ShouldBe([(1, false), (2, true)]);
    }

    [Fact]
    public void Fold_WhenResolvedWithoutRemediation_ShouldSaySo()
    {
        // Given
        var d = Ssh();
        var entries = new[] { At(LedgerEventType.Detected, d, TimeSpan.Zero, "c1"), At(LedgerEventType.Resolved, d, TimeSpan.FromMinutes(15), "c2", "driftguard check") };
        // When
        var h = LedgerHistory.Fold(entries).ShouldHaveSingleItem();
        // Then
        h.ResolvedWithoutRemediation.ShouldBeTrue();
        h.VerifiedAt.ShouldBe(T0.AddMinutes(15));
    }

    [Fact]
    public void Fold_WhenSeverityRisesLater_ShouldFlagAtTheTimeItRose()
    {
        // Given
        var d = Ssh();
        var low = At(LedgerEventType.Detected, d with { Severity = Severity.Medium }, TimeSpan.Zero, "c1");
        var high = At(LedgerEventType.Detected, d, TimeSpan.FromMinutes(5), "c2");
        // When
        var h = LedgerHistory.Fold([low, high]).ShouldHaveSingleItem();
        // Then
        (h.Severity, h.FlaggedAt).ShouldBe(("critical", T0.AddMinutes(5)));
    }
}
