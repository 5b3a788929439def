using DriftGuard.Core.Model;

namespace DriftGuard.Core.Live;

/// <summary>Live groups read from AWS CLI output, plus every problem met (never an exception).</summary>
/// <param name="Groups">Canonical live groups.</param>
/// <param name="Diagnostics">Input problems; a non-empty list means the live side may be incomplete.</param>
public sealed record LiveDescribeResult(IReadOnlyList<SecurityGroup> Groups, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the input read cleanly.</summary>
    public bool Ok => Diagnostics.Count == 0;
}
