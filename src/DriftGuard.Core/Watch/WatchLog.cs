using System.Text.Json;

namespace DriftGuard.Core.Watch;

/// <summary>
/// Writes one JSON line per decision to a writer (stderr or <c>--log FILE</c>), flushed per line so a tail or a
/// log shipper sees it at once, and hands each decision to listeners (the demo's timeline, tests). Thread-safe.
/// </summary>
public sealed class WatchLog(TextWriter writer)
{
    private readonly Lock _gate = new();
    private readonly List<Action<WatchDecision>> _listeners = [];

    /// <summary>Calls <paramref name="listener"/> for every decision after it is written.</summary>
    public void Subscribe(Action<WatchDecision> listener)
    {
        lock (_gate) _listeners.Add(listener);
    }

    /// <summary>Writes the decision as one JSON line.</summary>
    public void Write(WatchDecision decision)
    {
        var line = JsonSerializer.Serialize(decision, WatchJsonContext.Default.WatchDecision);
        Action<WatchDecision>[] listeners;
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
            listeners = [.. _listeners];
        }
        foreach (var l in listeners) l(decision);
    }
}
