namespace DriftGuard.Core.Remediation;

/// <summary>What an executor did with a plan.</summary>
/// <param name="Principal">Caller ARN from STS, or <c>unknown</c>.</param>
/// <param name="Groups">One outcome per planned group, in plan order.</param>
/// <param name="Actions">Every call made, one record per rule (the audit log).</param>
public sealed record RemediationRun(string Principal, IReadOnlyList<GroupOutcome> Groups, IReadOnlyList<AuditRecord> Actions)
{
    /// <summary>True when a call failed for some group.</summary>
    public bool Incomplete => Groups.Any(g => g.Status == GroupStatus.Failed);

    /// <summary>
    /// True when cancellation (Ctrl+C, SIGTERM) stopped the run at a safe point: between calls, never between a call
    /// and its audit record. <see cref="Actions"/> holds every call made; the groups not finished say what was not done.
    /// </summary>
    public bool Cancelled { get; init; }

    /// <summary>True when every group was verified.</summary>
    public bool Verified => Groups.All(g => g.Status == GroupStatus.Verified);
}
