namespace DriftGuard.Core.Watch;

/// <summary>
/// The EC2 API calls watch mode reacts to: the <c>detail.eventName</c> list of the EventBridge rule in
/// <c>iac/watch/</c>, matched on <c>source = aws.ec2</c> and <c>detail-type = AWS API Call via CloudTrail</c>.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-cloudtrail.html</remarks>
public static class WatchedEvents
{
    /// <summary>EventBridge <c>source</c> of EC2 CloudTrail events.</summary>
    public const string Source = "aws.ec2";

    /// <summary>EventBridge <c>detail-type</c> of CloudTrail management events.</summary>
    public const string DetailType = "AWS API Call via CloudTrail";

    /// <summary>The event names, in the order the rule lists them.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
        "ModifySecurityGroupRules",
        "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress",
        "CreateSecurityGroup", "DeleteSecurityGroup",
    ];

    /// <summary>True when <paramref name="eventName"/> is one watch mode reacts to.</summary>
    public static bool IsWatched(string? eventName) => eventName is not null && Names.Contains(eventName, StringComparer.Ordinal);
}
