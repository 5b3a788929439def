using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Reports.Json;

/// <summary>Maps a <see cref="ScanReport"/> to its sorted wire form, format version <see cref="Version"/>.</summary>
public static class ReportDtoMapper
{
    /// <summary>The JSON report format version; bumped only on a breaking change.</summary>
    public const int Version = 1;

    /// <summary>The wire form of <paramref name="report"/>, every list sorted by <see cref="ReportOrder"/>.</summary>
    public static ReportDto ToDto(ScanReport report)
    {
        var summary = ReportSummary.Of(report);
        return new ReportDto(
            Version,
            report.Command,
            report.ToolVersion,
            report.GeneratedAt,
            [.. ReportOrder.Sort(report.Findings).Select(ToDto)],
            [.. ReportOrder.Sort(report.Drifts).Select(ToDto)],
            [.. ReportOrder.Sort(report.Warnings).Select(ToDto)],
            [.. ReportOrder.Sort(report.Errors).Select(ToDto)],
            [.. ReportOrder.Sort(report.Alerts).Select(ToDto)],
            ReportOrder.Sort(report.Skipped),
            new SummaryDto(
                summary.Findings,
                summary.Failed,
                summary.Waived,
                new SeverityCountsDto(summary.BySeverity[Severity.Critical], summary.BySeverity[Severity.High],
                                      summary.BySeverity[Severity.Medium], summary.BySeverity[Severity.Low]),
                summary.Drifts,
                new DriftKindCountsDto(summary.DriftsByKind[DriftKind.Unmanaged], summary.DriftsByKind[DriftKind.Missing],
                                       summary.DriftsByKind[DriftKind.Changed], summary.DriftsByKind[DriftKind.UnmanagedGroup],
                                       summary.DriftsByKind[DriftKind.MissingGroup]),
                summary.Groups,
                summary.Files,
                report.ExitCode,
                ToWireThreshold(report.FailOn)));
    }

    private static FindingDto ToDto(Finding f)
    {
        var (from, to) = f.Rule is null ? (null, null) : RuleText.WirePorts(f.Rule);
        return new FindingDto(f.PolicyId, ToWire(f.Severity), f.Title, f.Message, [.. f.Controls], f.Resource, f.File, Math.Max(1, f.Line),
                              ToWire(f.Rule?.Direction), f.Rule?.Protocol, from, to, f.Rule?.Source.Canonical,
                              f.Group.GroupId, f.Waived, f.WaiverReason, f.WaiverExpired);
    }

    private static DriftDto ToDto(DriftItem d)
    {
        var (from, to) = d.Rule is null ? (null, null) : RuleText.WirePorts(d.Rule);
        return new DriftDto(ToWire(d.Kind), d.GroupId, d.Region, d.Account, d.Resource, d.File, d.Line,
                            ToWire(d.Rule?.Direction), d.Rule?.Protocol, from, to, d.Rule?.Source.Canonical, d.Rule?.RuleId,
                            d.Rule?.Description, d.DeclaredDescription, d.LiveDescription, ToWire(d.Severity), d.Accepted,
                            d.Fingerprint,
                            [.. ReportOrder.Sort(d.Findings).Select(f => new DriftFindingDto(f.PolicyId, ToWire(f.Severity), f.Title, f.Waived))]);
    }

    private static DiagnosticDto ToDto(Diagnostic d) => new(d.File, d.Line, d.Message);

    private static WireSeverity ToWire(Severity s) => s switch
    {
        Severity.Critical => WireSeverity.Critical,
        Severity.High => WireSeverity.High,
        Severity.Medium => WireSeverity.Medium,
        Severity.Low => WireSeverity.Low,
        _ => WireSeverity.None,
    };

    private static WireThreshold ToWireThreshold(Severity threshold) => threshold switch
    {
        > Severity.Critical => WireThreshold.Never,
        Severity.Critical => WireThreshold.Critical,
        Severity.High => WireThreshold.High,
        Severity.Medium => WireThreshold.Medium,
        Severity.Low => WireThreshold.Low,
        _ => WireThreshold.None,
    };

    private static WireDirection? ToWire(Direction? d) => d switch
    {
        Direction.Ingress => WireDirection.Ingress,
        Direction.Egress => WireDirection.Egress,
        _ => null,
    };

    private static WireDriftKind ToWire(DriftKind k) => k switch
    {
        DriftKind.Unmanaged => WireDriftKind.Unmanaged,
        DriftKind.Missing => WireDriftKind.Missing,
        DriftKind.Changed => WireDriftKind.Changed,
        DriftKind.UnmanagedGroup => WireDriftKind.UnmanagedGroup,
        _ => WireDriftKind.MissingGroup,
    };
}
