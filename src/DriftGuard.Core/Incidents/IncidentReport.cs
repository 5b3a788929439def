using DriftGuard.Core.Model;

namespace DriftGuard.Core.Incidents;

/// <summary>An incident report: the period, its summary, the incidents (most severe first, then newest), and the problems met reading the inputs.</summary>
public sealed record IncidentReport(DateTimeOffset GeneratedAt, DateTimeOffset? Since, DateTimeOffset Until,
    PeriodSummary Summary, IReadOnlyList<Incident> Incidents, IReadOnlyList<Diagnostic> Problems)
{
    /// <summary>Ledgers and result files the report was built from.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
