using DriftGuard.Core.Ledger;

namespace DriftGuard.Core.Incidents;

/// <summary>
/// One incident: a drift episode with the nine answers an incident report needs, and its timings.
/// </summary>
/// <param name="Id">Stable id: <c>fingerprint</c>, or <c>fingerprint#episode</c> after a recurrence.</param>
/// <param name="History">The ledger history it is built from.</param>
public sealed record Incident(string Id, DriftHistory History)
{
    /// <summary>1. What resource was affected, e.g. <c>sg-0abc (aws_security_group.app, main.tf:12), account 1234…, us-east-1</c>.</summary>
    public required string Resource { get; init; }
    /// <summary>2. What configuration changed.</summary>
    public required string Change { get; init; }
    /// <summary>3. Who was responsible (CloudTrail), or unknown with the reason.</summary>
    public required ChangeAttribution Responsible { get; init; }
    /// <summary>4. Which compliance or internal security rules it violated (unwaived findings, with controls).</summary>
    public required IReadOnlyList<LedgerFinding> Violations { get; init; }
    /// <summary>5. When it occurred (CloudTrail event time); null when unknown.</summary>
    public DateTimeOffset? OccurredAt => Responsible.OccurredAt;
    /// <summary>6a. When it was identified (first check that saw it).</summary>
    public DateTimeOffset DetectedAt => History.FirstSeen;
    /// <summary>6b. When it was flagged at its highest severity.</summary>
    public DateTimeOffset FlaggedAt => History.FlaggedAt;
    /// <summary>6c. That severity, lower case.</summary>
    public string Severity => History.Severity;
    /// <summary>7a. When it was remediated.</summary>
    public DateTimeOffset? RemediatedAt => History.RemediatedAt;
    /// <summary>7b. When the fix was verified (or the drift no longer seen).</summary>
    public DateTimeOffset? VerifiedAt => History.VerifiedAt;
    /// <summary>8. Who remediated it, as a sentence (the remediating identity, or "not remediated by DriftGuard").</summary>
    public required string RemediatedBy { get; init; }
    /// <summary>9. What prevents a repeat.</summary>
    public required Prevention Prevention { get; init; }
    /// <summary>Occurred → detected; null when the occurrence time is unknown.</summary>
    public TimeSpan? TimeToDetect => OccurredAt is { } o ? Clamp(DetectedAt - o) : null;
    /// <summary>Detected → verified; null while open.</summary>
    public TimeSpan? TimeToRemediate => VerifiedAt is { } v ? Clamp(v - DetectedAt) : null;
    /// <summary>Occurred (else detected) → verified (else <paramref name="now"/>): how long the exposure lasted.</summary>
    public TimeSpan Exposure(DateTimeOffset now) => Clamp((VerifiedAt ?? now) - (OccurredAt ?? DetectedAt));
    /// <summary>Control ids of the violations, distinct, ordered.</summary>
    public IReadOnlyList<string> Controls => [.. Violations.SelectMany(v => v.Controls).Distinct().Order(StringComparer.Ordinal)];

    // Clocks of two machines (CloudTrail, the checker) can disagree by a little; never report a negative duration.
    private static TimeSpan Clamp(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;
}
