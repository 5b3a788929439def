namespace DriftGuard.Core.Watch;

/// <summary>Running totals of one watch process, written in every decision line (<c>counters</c>). Thread-safe.</summary>
public sealed class WatchCounters
{
    private long _events, _drifts, _remediations, _failures, _malformed, _duplicates, _polls, _reloads;

    /// <summary>CloudTrail events received (parsed or not).</summary>
    public long Events => Interlocked.Read(ref _events);
    /// <summary>Drifts detected (each drift each time it is seen).</summary>
    public long Drifts => Interlocked.Read(ref _drifts);
    /// <summary>Drifts reverted and verified gone.</summary>
    public long Remediations => Interlocked.Read(ref _remediations);
    /// <summary>Failures: reads, remediations or verifications that did not succeed, receive errors.</summary>
    public long Failures => Interlocked.Read(ref _failures);
    /// <summary>Messages that were not a usable CloudTrail event.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);
    /// <summary>Events already handled, delivered again.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);
    /// <summary>Full checks run (startup, interval, backstop).</summary>
    public long Polls => Interlocked.Read(ref _polls);
    /// <summary>Declared-state reloads.</summary>
    public long Reloads => Interlocked.Read(ref _reloads);

    internal void AddEvent() => Interlocked.Increment(ref _events);
    internal void AddDrifts(int n) => Interlocked.Add(ref _drifts, n);
    internal void AddRemediations(int n) => Interlocked.Add(ref _remediations, n);
    internal void AddFailure() => Interlocked.Increment(ref _failures);
    internal void AddMalformed() => Interlocked.Increment(ref _malformed);
    internal void AddDuplicate() => Interlocked.Increment(ref _duplicates);
    internal void AddPoll() => Interlocked.Increment(ref _polls);
    internal void AddReload() => Interlocked.Increment(ref _reloads);

    /// <summary>A copy for a log line.</summary>
    public WatchCounterSnapshot Snapshot() => new(Events, Drifts, Remediations, Failures, Malformed, Duplicates, Polls, Reloads);
}

/// <summary>The counters at one moment (see <see cref="WatchCounters"/>).</summary>
public sealed record WatchCounterSnapshot(long Events, long Drifts, long Remediations, long Failures, long Malformed, long Duplicates,
                                          long Polls, long Reloads);
