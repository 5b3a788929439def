namespace DriftGuard.Core.Watch;

/// <summary>Outcome of <see cref="CloudTrailEventParser.Parse"/>: an event, or a one-line reason it is unusable.</summary>
public sealed record ParsedEvent(WatchEvent? Event, string? Error)
{
    /// <summary>True when <see cref="Event"/> is set.</summary>
    public bool Ok => Event is not null;

    internal static ParsedEvent Fail(string error) => new(null, error);
}
