namespace DriftGuard.Core.Watch;

/// <summary>
/// The CloudTrail event ids already handled, bounded (oldest forgotten first), so a duplicate delivery is logged as
/// such. Forgetting is safe: a forgotten duplicate is simply handled again, which re-reads live state and finds nothing.
/// </summary>
public sealed class SeenEvents(int capacity = 10_000)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>True when <paramref name="eventId"/> was marked handled and not yet forgotten.</summary>
    public bool Contains(string eventId)
    {
        lock (_gate) return _ids.Contains(eventId);
    }

    /// <summary>Marks <paramref name="eventId"/> handled.</summary>
    public void Add(string eventId)
    {
        lock (_gate)
        {
            if (!_ids.Add(eventId)) return;
            _order.Enqueue(eventId);
            while (_order.Count > capacity) _ids.Remove(_order.Dequeue());
        }
    }
}
