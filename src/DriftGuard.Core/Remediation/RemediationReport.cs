using DriftGuard.Core.Model;

namespace DriftGuard.Core.Remediation;

/// <summary>Everything a remediate run tells the user: the plan, what was done (when applied) and the exit code.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Run">What the executor did; null in plan mode or when a safety rail blocked the plan.</param>
public sealed record RemediationReport(RemediationPlan Plan, RemediationRun? Run)
{
    /// <summary>True when <c>--apply</c> was given.</summary>
    public bool Apply { get; init; }

    /// <summary><c>--fail-on</c>.</summary>
    public Severity FailOn { get; init; } = Severity.High;

    /// <summary>Live-read alerts (a region or call that could not be read).</summary>
    public IReadOnlyList<Diagnostic> Alerts { get; init; } = [];

    /// <summary>Problems after acting (e.g. the audit log could not be written).</summary>
    public IReadOnlyList<Diagnostic> Errors { get; init; } = [];

    /// <summary>When the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Process exit code, see <see cref="RemediationExit.Compute"/>.</summary>
    public int ExitCode => RemediationExit.Compute(this);

    /// <summary>True when nothing was attempted because an output the run needs (the audit log) cannot be written.</summary>
    public bool Refused { get; init; }
}

/// <summary>
/// Exit codes of <c>remediate</c> (and <c>check --remediate</c>): 0 converged and verified; 1 drift remains (plan mode
/// with changes, a blocked plan, a group that did not verify, or out-of-scope drift at or above <c>--fail-on</c>); a
/// blocked plan with nothing to change and an alert (nothing declared or nothing found live: nothing was compared) is 3;
/// 3 incomplete (a call failed; the report lists what was done and what remains); 130 cancelled (Ctrl+C: stopped at a
/// safe point, every call made audited and recorded). A failed call wins over remaining
/// drift, since remaining drift is its consequence. Usage and input errors (2) are decided before planning.
/// </summary>
public static class RemediationExit
{
    /// <summary>The exit code of <paramref name="report"/>.</summary>
    public static int Compute(RemediationReport report)
    {
        var plan = report.Plan;
        var run = report.Run;
        if (report.Refused) return ExitCodes.UsageError;
        if (run?.Cancelled == true) return ExitCodes.Cancelled;
        if (run?.Incomplete == true) return ExitCodes.Incomplete;
        var residual = plan.Skipped.Any(s => !s.Drift.Accepted && s.Drift.Severity >= report.FailOn);
        if (run is null && plan.ChangeCount > 0) return ExitCodes.Findings;   // a plan, or a blocked apply
        if (run is not null && !run.Verified) return ExitCodes.Findings;
        if (residual) return ExitCodes.Findings;
        if (report.Alerts.Count > 0 || report.Errors.Count > 0) return ExitCodes.Incomplete;
        // A blocked plan is never "converged": the drift it refused to touch stays (e.g. live groups beside an empty declaration).
        return plan.Blocked.Count > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
