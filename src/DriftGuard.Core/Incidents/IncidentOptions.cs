using DriftGuard.Core.Model;

namespace DriftGuard.Core.Incidents;

/// <summary>How incidents are built and reported.</summary>
public sealed record IncidentOptions
{
    /// <summary>Folder relative IaC paths in the ledger are resolved against (the report's working directory).</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();
    /// <summary>The gate threshold a pull request fails at (the gate's default: high).</summary>
    public Severity GateFailOn { get; init; } = Severity.High;
    /// <summary>Start of the period; null = everything in the ledger.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>End of the period (report time).</summary>
    public DateTimeOffset Until { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>Include drifts accepted by a baseline.</summary>
    public bool IncludeAccepted { get; init; }
    /// <summary>Gate status lookup (tests replace it); default reads the repository's workflows.</summary>
    public Func<string?, string, GateStatus> DetectGate { get; init; } = GateWorkflowDetector.Detect;
}
