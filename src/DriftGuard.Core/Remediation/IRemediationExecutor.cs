namespace DriftGuard.Core.Remediation;

/// <summary>
/// Executes a <see cref="RemediationPlan"/> against a cloud API: dry run, authorize, revoke, describe, verify. Side
/// effects live behind this interface so the CLI and tests can substitute it.
/// </summary>
public interface IRemediationExecutor
{
    /// <summary>Applies <paramref name="plan"/> (callers check <see cref="RemediationPlan.CanApply"/> first) and verifies each group.</summary>
    Task<RemediationRun> ExecuteAsync(RemediationPlan plan, CancellationToken ct);
}
