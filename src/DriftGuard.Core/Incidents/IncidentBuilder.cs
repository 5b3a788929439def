using DriftGuard.Core.Ledger;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Incidents;

/// <summary>Turns drift histories into incidents with the nine answers, and the period report (pure apart from the gate lookup).</summary>
public static class IncidentBuilder
{
    /// <summary>
    /// Builds the report over <paramref name="histories"/>: an incident is in the period when it was seen, remediated
    /// or verified at or after <see cref="IncidentOptions.Since"/>. Accepted (baselined) drifts are left out unless asked for.
    /// </summary>
    public static IncidentReport Build(IEnumerable<DriftHistory> histories, IncidentOptions options, IReadOnlyList<Diagnostic>? problems = null)
    {
        var gateCache = new Dictionary<string, GateStatus>(StringComparer.Ordinal);
        var incidents = histories
            .Where(h => options.IncludeAccepted || h.Latest.Accepted != true)
            .Where(h => options.Since is not { } since || h.LastSeen >= since || h.VerifiedAt >= since || h.RemediatedAt >= since)
            .Select(h => Build(h, options, gateCache))
            .OrderByDescending(i => LedgerHistory.Rank(i.Severity)).ThenByDescending(i => i.DetectedAt).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        return new IncidentReport(options.Until, options.Since, options.Until, PeriodSummary.Of(incidents), incidents, problems ?? []);
    }

    /// <summary>One incident from one history.</summary>
    public static Incident Build(DriftHistory h, IncidentOptions options, Dictionary<string, GateStatus>? gateCache = null)
    {
        var e = h.Latest;
        var violations = (e.Findings ?? []).Where(f => !f.Waived).ToList();
        var file = e.File;
        var key = file ?? "";
        GateStatus gate;
        if (gateCache is null || !gateCache.TryGetValue(key, out gate!))
        {
            gate = options.DetectGate(file, options.BaseDirectory);
            if (gateCache is not null) gateCache[key] = gate;
        }
        return new Incident(h.Episode == 1 ? h.Fingerprint : $"{h.Fingerprint}#{h.Episode}", h)
        {
            Resource = ResourceText(e),
            Change = ChangeText(e),
            Responsible = h.Attribution ?? ChangeAttribution.Unknown(
                "no CloudTrail attribution recorded for this drift (run driftguard check --ledger with CloudTrail access to record one)"),
            Violations = violations,
            RemediatedBy = RemediatorText(h),
            Prevention = PreventionFor(e, violations, gate, options.GateFailOn),
        };
    }

    private static string ResourceText(LedgerEntry e)
    {
        var where = string.Join(", ", new[] { e.Account is null ? null : $"account {e.Account}", e.Region }.Where(s => s is not null));
        var iac = e.Resource is null ? "not declared in IaC" : e.File is null ? e.Resource : $"{e.Resource}, {e.File}{(e.Line is > 0 ? $":{e.Line}" : "")}";
        return $"security group {e.GroupId ?? "(id unknown)"} ({iac}){(where.Length > 0 ? ", " + where : "")}";
    }

    private static string ChangeText(LedgerEntry e)
    {
        var rule = e.Rule is null ? "" : $"{e.Rule.Direction} {e.Rule.PortText} {(e.Rule.Direction == "egress" ? "to" : "from")} {e.Rule.Source}";
        var description = e.Rule?.Description is { Length: > 0 } d ? $" (description \"{d}\")" : "";
        return e.Kind switch
        {
            "unmanaged" => $"rule added outside IaC: {rule}{description}",
            "missing" => $"declared rule removed outside IaC: {rule}",
            "changed" => $"rule description changed outside IaC on {rule}: declared \"{e.DeclaredDescription}\", live \"{e.LiveDescription}\"",
            "unmanaged-group" => "security group created outside IaC",
            "missing-group" => "declared security group deleted outside IaC",
            _ => $"{e.Kind} {rule}".Trim(),
        };
    }

    private static string RemediatorText(DriftHistory h) => h switch
    {
        { RemediatedAt: not null } => $"{h.RemediatedBy ?? "unknown identity"} (run {h.RemediatedRun}){(h.RemediationNote is { Length: > 0 } n ? ": " + n : "")}",
        { ResolvedWithoutRemediation: true } => $"not remediated by DriftGuard: the drift was no longer seen by {h.VerifiedBy ?? "a later check"} (run {h.VerifiedRun}), so someone reverted it by hand or by apply",
        _ => "not remediated yet",
    };

    private static Prevention PreventionFor(LedgerEntry e, IReadOnlyList<LedgerFinding> violations, GateStatus gate, Severity failOn)
    {
        var blocking = violations.Where(v => LedgerHistory.Rank(v.Severity) >= (int)failOn).Select(v => v.PolicyId).Distinct().Order(StringComparer.Ordinal).ToList();
        var reporting = violations.Select(v => v.PolicyId).Distinct().Except(blocking).Order(StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        if (e.Kind is "missing" or "missing-group")
            parts.Add("the rule is declared in IaC, so driftguard check flags its removal and remediation re-authorizes it");
        else if (blocking.Count > 0)
            parts.Add($"{string.Join(", ", blocking)} fail{(blocking.Count == 1 ? "s" : "")} driftguard gate (--fail-on {failOn.Name()}) if this rule is proposed in a pull request");
        else if (reporting.Count > 0)
            parts.Add($"{string.Join(", ", reporting)} report{(reporting.Count == 1 ? "s" : "")} this rule in pull requests but below --fail-on {failOn.Name()}, so the gate does not block it");
        else
            parts.Add("no gate policy blocks this rule; only drift detection covers it");
        parts.Add(gate.Enabled switch
        {
            true => $"gate enabled: {gate.How}",
            false => $"gate NOT enabled: {gate.How}",
            null => $"gate status unknown: {gate.How}",
        });
        parts.Add("out-of-band repeats are caught by the next driftguard check");
        return new Prevention(blocking, gate, string.Join("; ", parts));
    }
}
