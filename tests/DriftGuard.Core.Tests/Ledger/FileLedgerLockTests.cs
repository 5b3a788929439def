using DriftGuard.Core.Ledger;
using static DriftGuard.Core.Tests.Ledger.LedgerSamples;

namespace DriftGuard.Core.Tests.Ledger;

/// <summary>The file ledger locks the ledger file itself: nothing is left beside it, and readers create nothing.</summary>
public sealed class FileLedgerLockTests
{
    [Fact]
    public async Task AppendThenRead_WhenDone_ShouldLeaveOnlyTheLedgerInItsFolder()
    {
        // Given
        var path = TempFile();
        var store = new FileLedgerStore(path);
        // When
        await store.AppendAsync([new LedgerEntry(LedgerEventType.Detected, "fp-1", T0, "run-1")], CancellationToken.None);
        await store.ReadAsync(CancellationToken.None);
        // Then
        Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).ShouldBe(["ledger.jsonl"]);
    }

    [Fact]
    public async Task Read_WhenTheLedgerDoesNotExist_ShouldCreateNothing()
    {
        // Given
        var path = TempFile();
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        // When
        await new FileLedgerStore(path).ReadAsync(CancellationToken.None);
        // Then
        Directory.GetFileSystemEntries(folder).ShouldBeEmpty();
    }

    [Fact]
    public async Task Read_WhileAWriterHoldsTheLedger_ShouldWaitAndThenFailWithLedgerException()
    {
        // Given a writer (another process, as far as the store knows) holding the ledger exclusively
        var path = TempFile();
        var store = new FileLedgerStore(path, TimeSpan.FromMilliseconds(300));
        await store.AppendAsync([new LedgerEntry(LedgerEventType.Detected, "fp-1", T0, "run-1")], CancellationToken.None);
        await using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        // When
        var ex = await Should.ThrowAsync<LedgerException>(() => store.ReadAsync(CancellationToken.None));
        // Then
        ex.Message.ShouldContain("still locked by another process");
    }
}
