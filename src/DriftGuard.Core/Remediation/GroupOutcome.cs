namespace DriftGuard.Core.Remediation;

/// <summary>How remediating one group ended.</summary>
public enum GroupStatus
{
    /// <summary>Every change made, and a re-read shows none of the planned drift left.</summary>
    Verified,
    /// <summary>Every call succeeded but re-reads (up to 5 over 10 s) still show a difference.</summary>
    Differs,
    /// <summary>A call failed (denied dry run, an EC2 error): further changes to the group stopped.</summary>
    Failed,
}

/// <summary>The result for one group: status, what was done, what remains, and notes (e.g. revoked first for the quota).</summary>
/// <param name="GroupId">Live <c>sg-</c> id.</param>
/// <param name="Status">Verified, differs or failed.</param>
public sealed record GroupOutcome(string GroupId, GroupStatus Status)
{
    /// <summary>Steps that took effect (applied, or already as declared).</summary>
    public IReadOnlyList<RemediationStep> Done { get; init; } = [];

    /// <summary>What still differs or was not attempted, one line each.</summary>
    public IReadOnlyList<string> Remaining { get; init; } = [];

    /// <summary>Things the user should know: revoked before authorizing because of the quota, retried after a stale read.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The failing call's error code and message, for <see cref="GroupStatus.Failed"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Verification reads made.</summary>
    public int VerifyReads { get; init; }

    /// <summary>Seconds from the first change to verification.</summary>
    public double? SecondsToVerify { get; init; }
}
