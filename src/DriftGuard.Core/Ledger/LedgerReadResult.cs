using DriftGuard.Core.Model;

namespace DriftGuard.Core.Ledger;

/// <summary>What a ledger read returned: the entries in file order, and one diagnostic per corrupt line skipped.</summary>
public sealed record LedgerReadResult(IReadOnlyList<LedgerEntry> Entries, IReadOnlyList<Diagnostic> Problems)
{
    /// <summary>An empty ledger.</summary>
    public static LedgerReadResult Empty { get; } = new([], []);
}
