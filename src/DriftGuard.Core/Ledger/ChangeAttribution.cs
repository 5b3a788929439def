namespace DriftGuard.Core.Ledger;

/// <summary>
/// Who made the change behind a drift, when and from where, as CloudTrail recorded it; or, when
/// <see cref="Known"/> is false, why that is unknown (<see cref="UnknownReason"/>).
/// </summary>
/// <remarks>
/// Fields follow the CloudTrail record contents
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html)
/// and <c>userIdentity</c> (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
/// </remarks>
/// <param name="Known">True when a matching CloudTrail event was found.</param>
public sealed record ChangeAttribution(bool Known)
{
    /// <summary>The person (or service) responsible: session name of an assumed role, else source identity, else on-behalf-of user, else IAM user name.</summary>
    public string? Actor { get; init; }
    /// <summary>How <see cref="Actor"/> was chosen, e.g. <c>session name of assumed-role/AWSReservedSSO_…</c>.</summary>
    public string? ActorSource { get; init; }
    /// <summary><c>userIdentity.type</c>: <c>IAMUser</c>, <c>AssumedRole</c>, <c>Root</c>, <c>IdentityCenterUser</c>, …</summary>
    public string? IdentityType { get; init; }
    /// <summary><c>userIdentity.arn</c>.</summary>
    public string? PrincipalArn { get; init; }
    /// <summary>The role behind an assumed-role session (<c>sessionIssuer.userName</c>); never the person.</summary>
    public string? Role { get; init; }
    /// <summary><c>userIdentity.accessKeyId</c>.</summary>
    public string? AccessKeyId { get; init; }
    /// <summary><c>eventTime</c>: when the change occurred (UTC).</summary>
    public DateTimeOffset? OccurredAt { get; init; }
    /// <summary><c>sourceIPAddress</c>.</summary>
    public string? SourceIp { get; init; }
    /// <summary><c>userAgent</c> as recorded.</summary>
    public string? UserAgent { get; init; }
    /// <summary>Client kind derived from the user agent: <c>console</c>, <c>AWS CLI</c>, <c>Terraform</c>, <c>CloudFormation</c>, <c>SDK</c> or <c>API</c>.</summary>
    public string? Via { get; init; }
    /// <summary><c>eventName</c>, e.g. <c>AuthorizeSecurityGroupIngress</c>.</summary>
    public string? EventName { get; init; }
    /// <summary><c>eventID</c>.</summary>
    public string? EventId { get; init; }
    /// <summary>How the event was matched to the drift (rule peer and port found in the request, or event name only).</summary>
    public string? Match { get; init; }
    /// <summary>Why the change could not be attributed (no event in the window, permission missing, older than 90 days…).</summary>
    public string? UnknownReason { get; init; }

    /// <summary>An unknown attribution with its reason.</summary>
    public static ChangeAttribution Unknown(string reason) => new(false) { UnknownReason = reason };
}
