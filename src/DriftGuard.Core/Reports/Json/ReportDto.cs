using System.Text.Json.Serialization;

namespace DriftGuard.Core.Reports.Json;

/// <summary>
/// Root of the JSON report, format version 1 (docs/json-report.md, docs/schemas/driftguard-report.schema.json).
/// A wire model kept apart from the domain records so the domain can change without breaking consumers.
/// </summary>
public sealed record ReportDto(
    int Version,
    string Command,
    string ToolVersion,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<FindingDto> Findings,
    IReadOnlyList<DriftDto> Drifts,
    IReadOnlyList<DiagnosticDto> Warnings,
    IReadOnlyList<DiagnosticDto> Errors,
    IReadOnlyList<DiagnosticDto> Alerts,
    IReadOnlyList<string> Skipped,
    SummaryDto Summary);

/// <summary>
/// One policy finding. <c>direction</c>, <c>protocol</c> and <c>source</c> are null for a group-level finding;
/// <c>fromPort</c>/<c>toPort</c> are the port range for tcp/udp, ICMP type/code for icmp/icmpv6 (-1 = all),
/// null for protocol <c>all</c>, numbered protocols and ports unknown until apply.
/// </summary>
public sealed record FindingDto(
    string PolicyId,
    WireSeverity Severity,
    string Title,
    string Message,
    IReadOnlyList<string> Controls,
    string Resource,
    string? File,
    int Line,
    WireDirection? Direction,
    string? Protocol,
    int? FromPort,
    int? ToPort,
    string? Source,
    string? GroupId,
    bool Waived,
    string? WaiverReason,
    bool WaiverExpired);

/// <summary>One drift between live and declared state; rule fields are null for group-level drifts.</summary>
public sealed record DriftDto(
    WireDriftKind Kind,
    string? GroupId,
    string? Region,
    string? Account,
    string? Resource,
    string? File,
    int? Line,
    WireDirection? Direction,
    string? Protocol,
    int? FromPort,
    int? ToPort,
    string? Source,
    string? RuleId,
    string? Description,
    string? DeclaredDescription,
    string? LiveDescription,
    WireSeverity Severity,
    bool Accepted,
    string Fingerprint,
    IReadOnlyList<DriftFindingDto> Findings);

/// <summary>A policy finding attached to a drift (the drift's rule judged by the gate's catalogue).</summary>
public sealed record DriftFindingDto(string PolicyId, WireSeverity Severity, string Title, bool Waived);

/// <summary>A warning, error or alert: file, 1-based line (0 when unknown), one-line message.</summary>
public sealed record DiagnosticDto(string File, int Line, string Message);

/// <summary>Counts; see <see cref="ReportSummary"/> for their definitions.</summary>
public sealed record SummaryDto(
    int Findings,
    int Failed,
    int Waived,
    SeverityCountsDto BySeverity,
    int Drifts,
    DriftKindCountsDto DriftsByKind,
    int Groups,
    int Files,
    int ExitCode,
    WireThreshold FailOn);

/// <summary>Findings per severity, waived ones included.</summary>
public sealed record SeverityCountsDto(int Critical, int High, int Medium, int Low);

/// <summary>Drifts per kind.</summary>
public sealed record DriftKindCountsDto(
    int Unmanaged,
    int Missing,
    int Changed,
    [property: JsonPropertyName("unmanaged-group")] int UnmanagedGroup,
    [property: JsonPropertyName("missing-group")] int MissingGroup);
