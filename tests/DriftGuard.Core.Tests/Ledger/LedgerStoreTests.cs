using DriftGuard.Core.Ledger;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.Ledger.LedgerSamples;

namespace DriftGuard.Core.Tests.Ledger;

public sealed class LedgerStoreTests
{
    [Fact]
    public async Task RecordDetected_WhenReadBack_ShouldKeepEveryDriftField()
    {
        // Given
        var ledger = new DriftLedger(new FileLedgerStore(TempFile()));
        var drift = Ssh();
        var run = Run("check", TimeSpan.Zero, "driftguard check");
        // When
        await ledger.RecordDetectedAsync([drift], run, CancellationToken.None);
        var read = await ledger.ReadAsync(CancellationToken.None);
        // Then
        var e = read.Entries.ShouldHaveSingleItem();
        read.Problems.ShouldBeEmpty();
        e.Event.ShouldBe(LedgerEventType.Detected);
        e.Fingerprint.ShouldBe(drift.Fingerprint);
        e.At.ShouldBe(T0);
        e.Run.ShouldBe(run.RunId);
        e.By.ShouldBe("driftguard check");
        (e.Account, e.Region, e.GroupId, e.Kind).ShouldBe(("123456789012", "us-east-1", "sg-0app", "unmanaged"));
        e.Rule!.Text.ShouldBe("ingress tcp/22 0.0.0.0/0");
        e.Severity.ShouldBe("critical");
        e.Findings!.ShouldHaveSingleItem().Controls.ShouldBe(["AWS-SecurityHub-EC2.13", "NIST-800-53-SC-7"]);
    }

    [Fact]
    public async Task Append_WhenManyWritersAppendAtOnce_ShouldLoseNoEntry()
    {
        // Given: 8 writers (separate store instances, as separate processes would be), 25 appends each
        var path = TempFile();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var store = new FileLedgerStore(path);
            for (var i = 0; i < 25; i++)
                await store.AppendAsync([new LedgerEntry(LedgerEventType.Detected, $"fp-{w}-{i}", T0, $"run-{w}")], CancellationToken.None);
        }));
        // When
        await Task.WhenAll(writers);
        var read = await new FileLedgerStore(path).ReadAsync(CancellationToken.None);
        // Then
        read.Problems.ShouldBeEmpty();
        read.Entries.Select(e => e.Fingerprint).Distinct().Count().ShouldBe(200);
    }

    [Fact]
    public async Task Read_WhenOneLineIsCorrupt_ShouldReportItAndKeepTheOthers()
    {
        // Given
        var path = TempFile();
        var good = LedgerLines.Format(new LedgerEntry(LedgerEventType.Detected, "fp-1", T0, "run-1"));
        await File.WriteAllTextAsync(path, $"{good}\n{{\"event\":\"detected\",\"finger\n{good.Replace("fp-1", "fp-2")}\n");
        // When
        var read = await new FileLedgerStore(path).ReadAsync(CancellationToken.None);
        // Then
        read.Entries.Select(e => e.Fingerprint).ShouldBe(["fp-1", "fp-2"]);
        var problem = read.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(2);
        problem.Message.ShouldStartWith("corrupt ledger entry skipped");
    }

    [Fact]
    public async Task Append_WhenTheLastLineWasCutShort_ShouldStartANewLineSoTheNewEntrySurvives()
    {
        // Given: a writer crashed mid-line
        var path = TempFile();
        await File.WriteAllTextAsync(path, "{\"event\":\"detected\",\"fingerprint\":\"fp-");
        // When
        await new FileLedgerStore(path).AppendAsync([new LedgerEntry(LedgerEventType.Detected, "fp-new", T0, "run-1")], CancellationToken.None);
        var read = await new FileLedgerStore(path).ReadAsync(CancellationToken.None);
        // Then
        read.Entries.ShouldHaveSingleItem().Fingerprint.ShouldBe("fp-new");
        read.Problems.ShouldHaveSingleItem().Line.ShouldBe(1);
    }

    [Fact]
    public async Task Read_WhenTheLedgerDoesNotExist_ShouldBeEmpty()
    {
        // Given / When
        var read = await new FileLedgerStore(TempFile()).ReadAsync(CancellationToken.None);
        // Then
        read.Entries.ShouldBeEmpty();
        read.Problems.ShouldBeEmpty();
    }
}
