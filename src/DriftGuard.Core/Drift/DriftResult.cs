using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>Outcome of a drift analysis.</summary>
/// <param name="Drifts">Drifts, sorted by group, then group-level before rule-level, then rule. Ignored drifts are not in it.</param>
public sealed record DriftResult(IReadOnlyList<DriftItem> Drifts)
{
    /// <summary>Things that limit the comparison: unmappable groups, declared values unknown until apply, unresolved references.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>Declared group key → live <c>sg-</c> id, for every declared group that was found live.</summary>
    public IReadOnlyDictionary<string, string> Mapping { get; init; } = new Dictionary<string, string>();

    /// <summary>Drifts dropped by <c>.driftguardignore</c>.</summary>
    public int IgnoredCount { get; init; }

    /// <summary>Live rules in scope (mapped groups plus in-scope unmanaged groups).</summary>
    public int LiveRules { get; init; }

    /// <summary>Live rules in scope that IaC declares (or may declare, through an unknown value).</summary>
    public int ManagedLiveRules { get; init; }

    /// <summary>driftctl's coverage: managed live rules / live rules, 1 when there are none.</summary>
    public double Coverage => LiveRules == 0 ? 1 : (double)ManagedLiveRules / LiveRules;

    /// <summary>Drifts not accepted by the baseline.</summary>
    public IEnumerable<DriftItem> Open => Drifts.Where(d => !d.Accepted);

    /// <summary>True when no drift is open.</summary>
    public bool InSync => !Open.Any();
}
