namespace DriftGuard.Core.Watch;

/// <summary>A CloudTrail management event for a security-group call, as watch mode needs it.</summary>
/// <param name="EventId"><c>detail.eventID</c> (unique per CloudTrail record; duplicates share it).</param>
/// <param name="EventName"><c>detail.eventName</c>, e.g. <c>AuthorizeSecurityGroupIngress</c>.</param>
/// <param name="EventTime"><c>detail.eventTime</c> (UTC, second precision).</param>
/// <param name="Region"><c>detail.awsRegion</c>.</param>
/// <param name="Account"><c>detail.recipientAccountId</c>, else the envelope's <c>account</c>.</param>
/// <param name="GroupIds">Every <c>sg-</c> id the request or response names (<c>groupId</c>, <c>GroupId</c>, group lists).</param>
/// <param name="Actor">Who made the call.</param>
public sealed record WatchEvent(string EventId, string EventName, DateTimeOffset EventTime, string? Region, string? Account,
                                IReadOnlyList<string> GroupIds, WatchActor Actor)
{
    /// <summary><c>detail.sourceIPAddress</c>.</summary>
    public string? SourceIp { get; init; }

    /// <summary><c>detail.userAgent</c> (the console, the CLI, Terraform, …).</summary>
    public string? UserAgent { get; init; }

    /// <summary><c>detail.requestID</c>.</summary>
    public string? RequestId { get; init; }

    /// <summary><c>detail.errorCode</c> when the call failed (it changed nothing), else null.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>EventBridge <c>source</c> (<c>aws.ec2</c>), null for a bare CloudTrail record.</summary>
    public string? Source { get; init; }
}
