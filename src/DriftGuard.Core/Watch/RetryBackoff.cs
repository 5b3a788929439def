namespace DriftGuard.Core.Watch;

/// <summary>
/// Exponential backoff with a cap: attempt 1 waits <see cref="Base"/>, each next attempt twice as long, never more than
/// <see cref="Max"/>. Deterministic (no jitter) so logs and tests can state the schedule.
/// </summary>
/// <param name="Base">First delay.</param>
/// <param name="Max">Largest delay.</param>
public sealed record RetryBackoff(TimeSpan Base, TimeSpan Max)
{
    /// <summary>200 ms, 400 ms, 800 ms … capped at 30 s.</summary>
    public static RetryBackoff Default { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));

    /// <summary>Delay before attempt <paramref name="attempt"/> + 1 (attempt ≥ 1; values below 1 count as 1).</summary>
    public TimeSpan Delay(int attempt)
    {
        var n = Math.Clamp(attempt, 1, 30) - 1;
        var ticks = Base.Ticks * Math.Pow(2, n);
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }
}
