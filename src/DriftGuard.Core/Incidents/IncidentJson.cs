using System.Text.Json;
using System.Text.Json.Serialization;
using DriftGuard.Core.Ledger;

namespace DriftGuard.Core.Incidents;

/// <summary>Root of the JSON incident report (format version 1). Durations are in seconds (fractional), times ISO 8601 UTC.</summary>
public sealed record IncidentReportDto(int Version, DateTimeOffset GeneratedAt, DateTimeOffset? Since, DateTimeOffset Until,
    IReadOnlyList<string> Sources, PeriodSummaryDto Summary, IReadOnlyList<IncidentDto> Incidents, IReadOnlyList<string> Warnings);

/// <summary>Period counts and timings; <c>bySeverity</c> and <c>byControl</c> map names to incident counts.</summary>
public sealed record PeriodSummaryDto(int Incidents, int Open, int Remediated, IReadOnlyDictionary<string, int> BySeverity,
    IReadOnlyDictionary<string, int> ByControl, double? MedianTimeToDetectSeconds, double? P90TimeToDetectSeconds,
    double? MedianTimeToRemediateSeconds, double? P90TimeToRemediateSeconds);

/// <summary>One incident: the nine answers as structured fields and as sentences (<c>answers</c>).</summary>
public sealed record IncidentDto(string Id, string Fingerprint, string Severity, string Kind, string? GroupId, string? Account, string? Region,
    string? Resource, string? File, int? Line, LedgerRule? Rule, string Change, ChangeAttribution Responsible, IReadOnlyList<LedgerFinding> Violations,
    DateTimeOffset? OccurredAt, DateTimeOffset DetectedAt, string DetectedRun, DateTimeOffset FlaggedAt, DateTimeOffset? RemediatedAt,
    string? RemediatedBy, DateTimeOffset? VerifiedAt, string? VerifiedBy, string RemediatedBySentence, IReadOnlyList<string> BlockingPolicies,
    bool? GateEnabled, string GateHow, string Prevention, double? TimeToDetectSeconds, double? TimeToRemediateSeconds,
    IReadOnlyList<AnswerDto> Answers);

/// <summary>One of the nine questions and its answer as a sentence.</summary>
public sealed record AnswerDto(string Question, string Answer);

/// <summary>Source-generated serializer of the JSON incident report.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IncidentReportDto))]
internal sealed partial class IncidentJsonContext : JsonSerializerContext;

/// <summary>Writes the incident report as one JSON document (<see cref="IncidentReportDto"/>).</summary>
public static class IncidentJsonWriter
{
    /// <summary>Writes <paramref name="report"/>.</summary>
    public static void Write(IncidentReport report, TextWriter w) =>
        w.WriteLine(JsonSerializer.Serialize(ToDto(report), IncidentJsonContext.Default.IncidentReportDto));

    /// <summary>The wire form.</summary>
    public static IncidentReportDto ToDto(IncidentReport r)
    {
        var s = r.Summary;
        return new IncidentReportDto(1, r.GeneratedAt, r.Since, r.Until, r.Sources,
            new PeriodSummaryDto(s.Incidents, s.Open, s.Remediated, s.BySeverity.ToDictionary(), s.ByControl.ToDictionary(),
                Sec(s.MedianTimeToDetect), Sec(s.P90TimeToDetect), Sec(s.MedianTimeToRemediate), Sec(s.P90TimeToRemediate)),
            [.. r.Incidents.Select(i => new IncidentDto(i.Id, i.History.Fingerprint, i.Severity, i.History.Latest.Kind ?? "", i.History.Latest.GroupId,
                i.History.Latest.Account, i.History.Latest.Region, i.History.Latest.Resource, i.History.Latest.File, i.History.Latest.Line,
                i.History.Latest.Rule, i.Change, i.Responsible, i.Violations, i.OccurredAt, i.DetectedAt, i.History.FirstRun, i.FlaggedAt,
                i.RemediatedAt, i.History.RemediatedBy, i.VerifiedAt, i.History.VerifiedBy, i.RemediatedBy, i.Prevention.BlockingPolicies,
                i.Prevention.Gate.Enabled, i.Prevention.Gate.How, i.Prevention.Text, Sec(i.TimeToDetect), Sec(i.TimeToRemediate),
                [.. IncidentText.Answers(i).Select(a => new AnswerDto(a.Question, a.Answer))]))],
            [.. r.Problems.Select(p => p.ToCliLine("warning"))]);
    }

    private static double? Sec(TimeSpan? t) => t is { } v ? Math.Round(v.TotalSeconds, 3) : null;
}
