namespace DriftGuard.Aws.CloudTrail;

/// <summary>One LookupEvents call by resource name (implemented by <see cref="CloudTrailClient"/>; tests fake it).</summary>
public interface ILookupEvents
{
    /// <summary>See <see cref="CloudTrailClient.LookupEventsAsync"/>.</summary>
    Task<LookupEventsPage> LookupEventsAsync(string resourceName, DateTimeOffset start, DateTimeOffset end, string? nextToken, CancellationToken ct);
}
