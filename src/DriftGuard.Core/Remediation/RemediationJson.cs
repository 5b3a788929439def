using System.Text.Json;
using System.Text.Json.Serialization;
using DriftGuard.Core.Drift;

namespace DriftGuard.Core.Remediation;

/// <summary>
/// The JSON form of a <see cref="RemediationReport"/> (<c>--format json</c>): one document with <c>mode</c>, <c>scope</c>,
/// <c>groups[]</c> (steps, status, remaining), <c>skipped[]</c>, <c>blocked[]</c> and <c>actions[]</c> (the audit records).
/// </summary>
public static class RemediationJson
{
    /// <summary>Writes <paramref name="report"/> as one indented JSON document.</summary>
    public static void Write(RemediationReport report, TextWriter output)
    {
        output.WriteLine(JsonSerializer.Serialize(ToDto(report), RemediationJsonContext.Default.RemediationReportDto));
        output.Flush();
    }

    private static RemediationReportDto ToDto(RemediationReport report)
    {
        var outcomes = report.Run?.Groups.ToDictionary(g => g.GroupId, StringComparer.Ordinal) ?? [];
        return new RemediationReportDto(
            "remediate", report.Apply ? "apply" : "plan", report.Plan.Scope.Name(), Model.Severities.Name(report.FailOn),
            report.ExitCode, report.GeneratedAt.ToUniversalTime(), report.Run?.Principal, report.Plan.ChangeCount,
            [.. report.Plan.Blocked],
            [.. report.Plan.Groups.Select(g =>
            {
                var o = outcomes.GetValueOrDefault(g.GroupId);
                return new GroupDto(g.GroupId, g.Resource, g.Region, g.Account,
                    o is null ? "planned" : o.Status.ToString().ToLowerInvariant(),
                    [.. g.Steps.Select(s => new StepDto(s.ActionName, s.RuleText, s.Rule.RuleId, s.Rule.Description, s.Reason))],
                    [.. o?.Remaining ?? []], [.. o?.Notes ?? []], o?.Error, o?.VerifyReads ?? 0, o?.SecondsToVerify);
            })],
            [.. report.Plan.Skipped.Select(s => new SkippedDto(s.Drift.GroupId, s.Drift.Resource, s.Drift.Kind.Name(),
                s.Drift.Rule is null ? null : DriftIgnore.RuleText(s.Drift.Rule), s.Reason))],
            [.. report.Run?.Actions ?? []],
            [.. report.Alerts.Select(a => a.Message)],
            [.. report.Errors.Select(e => e.ToCliLine("error"))]);
    }
}

internal sealed record RemediationReportDto(string Command, string Mode, string Scope, string FailOn, int ExitCode, DateTimeOffset GeneratedAt,
                                            string? Principal, int Changes, IReadOnlyList<string> Blocked, IReadOnlyList<GroupDto> Groups,
                                            IReadOnlyList<SkippedDto> Skipped, IReadOnlyList<AuditRecord> Actions,
                                            IReadOnlyList<string> Alerts, IReadOnlyList<string> Errors);

internal sealed record GroupDto(string GroupId, string? Resource, string? Region, string? Account, string Status, IReadOnlyList<StepDto> Steps,
                                IReadOnlyList<string> Remaining, IReadOnlyList<string> Notes, string? Error, int VerifyReads, double? SecondsToVerify);

internal sealed record StepDto(string Action, string Rule, string? RuleId, string? Description, string Reason);

internal sealed record SkippedDto(string? GroupId, string? Resource, string Kind, string? Rule, string Reason);

/// <summary>Source-generated serializer of the remediation report (no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
                             DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RemediationReportDto))]
internal sealed partial class RemediationJsonContext : JsonSerializerContext;
