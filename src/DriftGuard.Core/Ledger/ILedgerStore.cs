namespace DriftGuard.Core.Ledger;

/// <summary>
/// Where the ledger lives: a local JSON Lines file (<see cref="FileLedgerStore"/>) or an S3 object
/// (<c>DriftGuard.Aws.Ledger.S3LedgerStore</c>). Appends from concurrent writers never lose a line.
/// </summary>
public interface ILedgerStore
{
    /// <summary>Display name: the path or <c>s3://bucket/key</c>.</summary>
    string Name { get; }

    /// <summary>Reads every entry; a missing ledger is empty. Throws <see cref="LedgerException"/> when the store cannot be read.</summary>
    Task<LedgerReadResult> ReadAsync(CancellationToken ct);

    /// <summary>Appends <paramref name="entries"/> atomically with respect to other writers. Throws <see cref="LedgerException"/> on failure.</summary>
    Task AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken ct);
}
