using DriftGuard.Core.Drift;
using DriftGuard.Core.Ledger;
using static DriftGuard.Core.Tests.Ledger.LedgerSamples;

namespace DriftGuard.Core.Tests.Ledger;

public sealed class CheckLedgerWriterTests
{
    private sealed class CountingAttributor : IChangeAttributor
    {
        public int Calls { get; private set; }
        public Task<ChangeAttribution> AttributeAsync(DriftItem drift, DateTimeOffset detectedAt, CancellationToken ct)
        {
            Calls++;
            return Task.FromResult(new ChangeAttribution(true) { Actor = "alice@example.com", OccurredAt = detectedAt.AddMinutes(-3) });
        }
    }

    [Fact]
    public async Task Record_WhenTheSameDriftIsSeenTwice_ShouldAskCloudTrailOnlyOnce()
    {
        // Given
        var ledger = new DriftLedger(new FileLedgerStore(TempFile()));
        var attributor = new CountingAttributor();
        var writer = new CheckLedgerWriter(ledger, attributor);
        var result = new DriftResult([Ssh()]);
        // When
        await writer.RecordAsync(result, ["sg-0app"], "us-east-1", Run("check", TimeSpan.Zero), CancellationToken.None);
        await writer.RecordAsync(result, ["sg-0app"], "us-east-1", Run("check", TimeSpan.FromMinutes(15)), CancellationToken.None);
        // Then
        attributor.Calls.ShouldBe(1);
        var h = (await ledger.HistoriesAsync(CancellationToken.None)).Histories.ShouldHaveSingleItem();
        h.Attribution!.Actor.ShouldBe("alice@example.com");
        h.Runs.Count.ShouldBe(2);
    }

    private sealed class LateCloudTrail : IChangeAttributor
    {
        public int Calls { get; private set; }
        public Task<ChangeAttribution> AttributeAsync(DriftItem drift, DateTimeOffset detectedAt, CancellationToken ct) =>
            Task.FromResult(++Calls == 1 ? ChangeAttribution.Unknown("no CloudTrail event yet") : new ChangeAttribution(true) { Actor = "alice@example.com" });
    }

    [Fact]
    public async Task Record_WhenCloudTrailHadNoEventYet_ShouldAskAgainOnTheNextCheck()
    {
        // Given: the first check runs before CloudTrail delivered the event
        var ledger = new DriftLedger(new FileLedgerStore(TempFile()));
        var cloudTrail = new LateCloudTrail();
        var writer = new CheckLedgerWriter(ledger, cloudTrail);
        var result = new DriftResult([Ssh()]);
        // When
        await writer.RecordAsync(result, ["sg-0app"], "us-east-1", Run("check", TimeSpan.Zero), CancellationToken.None);
        await writer.RecordAsync(result, ["sg-0app"], "us-east-1", Run("check", TimeSpan.FromMinutes(15)), CancellationToken.None);
        await writer.RecordAsync(result, ["sg-0app"], "us-east-1", Run("check", TimeSpan.FromMinutes(30)), CancellationToken.None);
        // Then: asked twice, the known answer kept
        cloudTrail.Calls.ShouldBe(2);
        (await ledger.HistoriesAsync(CancellationToken.None)).Histories.ShouldHaveSingleItem().Attribution!.Actor.ShouldBe("alice@example.com");
    }

    [Fact]
    public async Task Record_WhenAnOpenDriftIsGoneFromAGroupTheCheckRead_ShouldMarkItResolved()
    {
        // Given
        var ledger = new DriftLedger(new FileLedgerStore(TempFile()));
        var writer = new CheckLedgerWriter(ledger, null);
        await writer.RecordAsync(new DriftResult([Ssh()]), ["sg-0app"], "us-east-1", Run("check", TimeSpan.Zero), CancellationToken.None);
        // When
        var summary = await writer.RecordAsync(new DriftResult([]), ["sg-0app"], "us-east-1", Run("check", TimeSpan.FromMinutes(15), "driftguard check"), CancellationToken.None);
        // Then
        summary.Resolved.ShouldBe(1);
        var h = (await ledger.HistoriesAsync(CancellationToken.None)).Histories.ShouldHaveSingleItem();
        h.VerifiedAt.ShouldBe(T0.AddMinutes(15));
    }

    [Fact]
    public async Task Record_WhenTheCheckDidNotReadTheGroup_ShouldLeaveItsDriftOpen()
    {
        // Given
        var ledger = new DriftLedger(new FileLedgerStore(TempFile()));
        var writer = new CheckLedgerWriter(ledger, null);
        await writer.RecordAsync(new DriftResult([Ssh()]), ["sg-0app"], "us-east-1", Run("check", TimeSpan.Zero), CancellationToken.None);
        // When: a check of another group only
        var summary = await writer.RecordAsync(new DriftResult([]), ["sg-0other"], "us-east-1", Run("check", TimeSpan.FromMinutes(15)), CancellationToken.None);
        // Then
        summary.Resolved.ShouldBe(0);
        (await ledger.HistoriesAsync(CancellationToken.None)).Histories.ShouldHaveSingleItem().Open.ShouldBeTrue();
    }
}
