namespace DriftGuard.Aws.CloudTrail;

/// <summary>
/// Spaces calls so that each key (account and region) gets at most <c>callsPerSecond</c> calls a second: LookupEvents
/// is limited to 2 requests per second per account per region
/// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html). Calls are granted slots
/// <c>1/callsPerSecond</c> apart; a caller waits on <paramref name="delay"/> until its slot. Time comes from
/// <paramref name="clock"/>, so tests use a fake clock whose delay advances it.
/// </summary>
public sealed class RequestThrottle(double callsPerSecond, TimeProvider clock, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / callsPerSecond);
    private readonly Dictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? ((t, ct) => Task.Delay(t, clock, ct));

    /// <summary>The default for LookupEvents: 2 calls a second on the system clock.</summary>
    public static RequestThrottle LookupEvents() => new(2, TimeProvider.System);

    /// <summary>Waits for the next slot of <paramref name="key"/>; returns the time the slot starts.</summary>
    public async Task<DateTimeOffset> WaitAsync(string key, CancellationToken ct)
    {
        DateTimeOffset slot;
        TimeSpan wait;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            slot = _next.TryGetValue(key, out var next) && next > now ? next : now;
            _next[key] = slot + _interval;
            wait = slot - now;
        }
        if (wait > TimeSpan.Zero) await _delay(wait, ct).ConfigureAwait(false);
        return slot;
    }
}
