namespace DriftGuard.Aws.CloudTrail;

/// <summary>One page of a LookupEvents answer: events newest first and the token of the next page (null on the last page).</summary>
public sealed record LookupEventsPage(IReadOnlyList<CloudTrailEventSummary> Events, string? NextToken);

/// <summary>
/// One element of <c>Events</c> in a LookupEvents response
/// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Event.html): <see cref="CloudTrailEvent"/> is the full
/// event record as a JSON string.
/// </summary>
public sealed record CloudTrailEventSummary(string? EventId, string? EventName, DateTimeOffset? EventTime, string? Username,
    IReadOnlyList<string> ResourceNames, string? CloudTrailEvent);
