using DriftGuard.Core.Model;

namespace DriftGuard.Core.Watch;

/// <summary>How a <see cref="WatchLoop"/> runs.</summary>
public sealed record WatchOptions
{
    /// <summary><c>--remediate</c>: which drifts to revert.</summary>
    public WatchScope Scope { get; init; } = WatchScope.None;

    /// <summary><c>--fail-on</c>: findings at or above it make an unmanaged rule noncompliant.</summary>
    public Severity Threshold { get; init; } = Severity.High;

    /// <summary>
    /// Full-check interval: <c>--interval</c> in poll mode, the backstop in event mode (CloudTrail delivery to EventBridge is
    /// best effort). Default 5 minutes.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>--max-runtime</c>: stop cleanly after this long; null runs until cancelled.</summary>
    public TimeSpan? MaxRuntime { get; init; }

    /// <summary><c>--once</c>: poll mode stops after the startup check; event mode after the first batch of messages.</summary>
    public bool Once { get; init; }

    /// <summary><c>--reload-interval</c>: re-read the declared state this often even when no file changed; null: only on change.</summary>
    public TimeSpan? ReloadInterval { get; init; }

    /// <summary>How often the IaC files are checked for changes (modification time and size).</summary>
    public TimeSpan FileCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <c>--max-changes</c>: a decision that would revert more drifts than this reverts none and is surfaced as a
    /// failure (as <c>remediate --max-changes</c> refuses a plan): a wrong declared state must not wipe an account.
    /// </summary>
    public int MaxChanges { get; init; } = 50;

    /// <summary>Revert attempts per decision before the failure is surfaced and the message released for redelivery.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Delay schedule between attempts, and for releasing a failed message.</summary>
    public RetryBackoff Backoff { get; init; } = RetryBackoff.Default;

    /// <summary>Longest long poll (SQS allows 20 s).</summary>
    public TimeSpan ReceiveWait { get; init; } = TimeSpan.FromSeconds(20);
}
