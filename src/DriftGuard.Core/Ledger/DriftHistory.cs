namespace DriftGuard.Core.Ledger;

/// <summary>
/// The life of one drift (one episode of one fingerprint), folded from ledger lines: what it is, when it was first
/// and last seen and by which runs, when it was first flagged at its highest severity, who changed it (CloudTrail),
/// and when and by whom it was remediated and verified. A drift seen again after it was verified or resolved
/// starts a new episode.
/// </summary>
/// <param name="Fingerprint">Drift fingerprint.</param>
/// <param name="Episode">1 for the first occurrence, 2 after a recurrence, …</param>
/// <param name="Latest">The most recent detected line (drift fields: group, rule, kind, findings, severity).</param>
public sealed record DriftHistory(string Fingerprint, int Episode, LedgerEntry Latest)
{
    /// <summary>First detected line's time.</summary>
    public DateTimeOffset FirstSeen { get; init; }
    /// <summary>Last detected line's time.</summary>
    public DateTimeOffset LastSeen { get; init; }
    /// <summary>Run that first saw the drift.</summary>
    public string FirstRun { get; init; } = "";
    /// <summary>Every run that saw the drift, in order.</summary>
    public IReadOnlyList<string> Runs { get; init; } = [];
    /// <summary>Highest severity seen (lower case).</summary>
    public string Severity { get; init; } = "low";
    /// <summary>When the drift was first seen at <see cref="Severity"/> (when it was flagged at that severity).</summary>
    public DateTimeOffset FlaggedAt { get; init; }
    /// <summary>CloudTrail attribution, when one was recorded (the latest wins).</summary>
    public ChangeAttribution? Attribution { get; init; }
    /// <summary>Remediation time.</summary>
    public DateTimeOffset? RemediatedAt { get; init; }
    /// <summary>Who remediated.</summary>
    public string? RemediatedBy { get; init; }
    /// <summary>Run that remediated.</summary>
    public string? RemediatedRun { get; init; }
    /// <summary>What the remediation did.</summary>
    public string? RemediationNote { get; init; }
    /// <summary>Verification time: a remediation's re-read, else the first check that no longer saw the drift.</summary>
    public DateTimeOffset? VerifiedAt { get; init; }
    /// <summary>Who verified (the remediating identity, or the check that no longer saw the drift).</summary>
    public string? VerifiedBy { get; init; }
    /// <summary>Run that verified.</summary>
    public string? VerifiedRun { get; init; }
    /// <summary>True when the drift went away without a recorded remediation (fixed by hand, by apply, or reverted).</summary>
    public bool ResolvedWithoutRemediation { get; init; }

    /// <summary>True while not verified.</summary>
    public bool Open => VerifiedAt is null;
}
