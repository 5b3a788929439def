using DriftGuard.Core.Ledger;

namespace DriftGuard.Core.Incidents;

/// <summary>The nine answers as plain sentences, shared by the Markdown and HTML writers (unescaped).</summary>
public static class IncidentText
{
    /// <summary>The nine questions and their answers, in order.</summary>
    public static IReadOnlyList<(string Question, string Answer)> Answers(Incident i) =>
    [
        ("What resource was affected", i.Resource),
        ("What changed", i.Change),
        ("Who was responsible", Responsible(i.Responsible)),
        ("Which rules it violated", Violations(i)),
        ("When it occurred", i.OccurredAt is null ? $"unknown: {i.Responsible.UnknownReason}" : DurationText.Time(i.OccurredAt)),
        ("When it was identified and flagged", $"detected {DurationText.Time(i.DetectedAt)} (run {i.History.FirstRun}); flagged {i.Severity} {DurationText.Time(i.FlaggedAt)}"),
        ("When it was remediated and verified", Remediation(i)),
        ("Who remediated it", i.RemediatedBy),
        ("What prevents a repeat", i.Prevention.Text),
    ];

    /// <summary>Who, as a sentence: <c>alice@example.com (AssumedRole session of AWSReservedSSO_Admin…, via console, from 203.0.113.7, AuthorizeSecurityGroupIngress)</c>.</summary>
    public static string Responsible(ChangeAttribution a)
    {
        if (!a.Known) return $"unknown: {a.UnknownReason}";
        var details = new List<string>();
        if (a.IdentityType is not null) details.Add(a.Role is null ? a.IdentityType : $"{a.IdentityType} via role {a.Role}");
        if (a.Via is not null) details.Add($"via {a.Via}");
        if (a.SourceIp is not null) details.Add($"from {a.SourceIp}");
        if (a.EventName is not null) details.Add($"{a.EventName}{(a.EventId is null ? "" : " event " + a.EventId)}");
        if (a.PrincipalArn is not null) details.Add(a.PrincipalArn);
        return $"{a.Actor ?? "unknown person"} ({string.Join(", ", details)})";
    }

    /// <summary>Violations: <c>DG-SG-001 (critical): title [controls]</c>, or none.</summary>
    public static string Violations(Incident i) => i.Violations.Count == 0
        ? "none: no policy fails on this drift (it is still unmanaged configuration)"
        : string.Join("; ", i.Violations.Select(v => $"{v.PolicyId} ({v.Severity}) {v.Title} [{string.Join(", ", v.Controls)}]"));

    /// <summary>Remediated and verified times with TTR.</summary>
    public static string Remediation(Incident i) =>
        i.VerifiedAt is null
            ? (i.RemediatedAt is null ? "not yet: still open" : $"remediated {DurationText.Time(i.RemediatedAt)}; not verified yet")
            : $"remediated {DurationText.Time(i.RemediatedAt)}; verified {DurationText.Time(i.VerifiedAt)}";
}
