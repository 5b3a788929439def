namespace DriftGuard.Core.Ledger;

/// <summary>The ledger could not be read or written; the message is one line naming the ledger and the cause.</summary>
public sealed class LedgerException(string message, Exception? inner = null) : Exception(message, inner);
