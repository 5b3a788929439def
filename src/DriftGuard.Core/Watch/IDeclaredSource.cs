using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Watch;

/// <summary>The declared side watch mode compares with: groups plus the drift options (policy engine, ignore file, stack mapping).</summary>
/// <param name="Groups">Declared groups from every IaC input.</param>
/// <param name="Options">Options for <see cref="DriftAnalyzer.Analyze"/>.</param>
/// <param name="Inputs">The files read, for the log.</param>
public sealed record DeclaredSnapshot(IReadOnlyList<SecurityGroup> Groups, DriftOptions Options, IReadOnlyList<string> Inputs);

/// <summary>Outcome of <see cref="IDeclaredSource.Load"/>.</summary>
/// <param name="Snapshot">The declared state; null when unchanged (not forced) or when it failed to read.</param>
/// <param name="Errors">Why it failed to read; the watcher then keeps the previous declared state.</param>
public sealed record DeclaredLoad(DeclaredSnapshot? Snapshot, IReadOnlyList<Diagnostic> Errors);

/// <summary>Reads the declared state, again when its files change.</summary>
public interface IDeclaredSource
{
    /// <summary>Reads the inputs when <paramref name="force"/> or when a file changed since the last read; else returns an empty load.</summary>
    DeclaredLoad Load(bool force);
}
