using System.Globalization;
using DriftGuard.Core.Drift;

namespace DriftGuard.Core.Remediation;

/// <summary>The human form of a <see cref="RemediationReport"/>: the plan per group, skipped drifts, blocks, and per-group results.</summary>
public static class RemediationTextWriter
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(RemediationReport report, TextWriter output)
    {
        var plan = report.Plan;
        var run = report.Run;
        var mode = report.Apply ? "apply" : "plan";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"remediate {mode}: scope {plan.Scope.Name()}, --fail-on {Model.Severities.Name(report.FailOn)}: {plan.ChangeCount} change(s) in {plan.Groups.Count} group(s)"));
        var outcomes = run?.Groups.ToDictionary(g => g.GroupId, StringComparer.Ordinal) ?? [];
        foreach (var g in plan.Groups)
        {
            var where = string.Join(", ", new[] { g.Resource, g.Region }.Where(s => s is not null));
            output.WriteLine($"  {g.GroupId}{(where.Length > 0 ? $" ({where})" : "")}");
            foreach (var s in g.Steps)
            {
                var sign = s.Action switch { RemediationActionKind.Authorize => "+", RemediationActionKind.Revoke => "-", _ => "~" };
                var id = s.Action == RemediationActionKind.Authorize || s.Rule.RuleId is null ? "" : $" {s.Rule.RuleId}";
                var desc = s.Action == RemediationActionKind.UpdateDescription ? $" -> \"{s.Rule.Description}\"" : "";
                output.WriteLine($"    {sign} {s.ActionName} {s.RuleText}{id}{desc}  [{s.Reason}]");
            }
            if (!outcomes.TryGetValue(g.GroupId, out var o)) continue;
            foreach (var note in o.Notes) output.WriteLine($"    note: {note}");
            var status = o.Status switch
            {
                GroupStatus.Verified => string.Create(CultureInfo.InvariantCulture,
                    $"verified ({o.VerifyReads} read(s){(o.SecondsToVerify is { } sec ? $", {sec:F2} s after the first change" : "")})"),
                GroupStatus.Differs => "NOT verified: still differs after re-reading",
                _ => $"FAILED: {o.Error}; further changes to this group stopped",
            };
            output.WriteLine($"    => {status}");
            foreach (var r in o.Remaining) output.WriteLine($"       remaining: {r}");
        }
        if (plan.Skipped.Count > 0)
        {
            output.WriteLine($"  left alone: {plan.Skipped.Count} drift(s)");
            foreach (var s in plan.Skipped)
                output.WriteLine($"    {s.Drift.GroupId ?? s.Drift.Resource} {s.Drift.Kind.Name()}{(s.Drift.Rule is null ? "" : " " + DriftIgnore.RuleText(s.Drift.Rule))}: {s.Reason}");
        }
        foreach (var b in plan.Blocked) output.WriteLine($"  blocked: {b}");
        foreach (var a in report.Alerts) output.WriteLine($"  alert: {a.Message}");
        // Each error is printed once, on standard error, by the command; the report keeps the count.
        if (report.Errors.Count > 0) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {report.Errors.Count} error(s) (printed on standard error)"));
        if (!report.Apply && plan.ChangeCount > 0 && plan.Blocked.Count == 0) output.WriteLine("Run again with --apply to make these changes.");
        if (run is not null) output.WriteLine($"principal: {run.Principal}");
    }
}
