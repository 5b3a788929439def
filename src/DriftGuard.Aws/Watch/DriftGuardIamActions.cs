namespace DriftGuard.Aws.Watch;

/// <summary>
/// Every AWS API action DriftGuard's own code calls (not the demo's simulated users): the one list the least-privilege
/// role in <c>iac/watch/</c> must grant, exactly. A test compares it with the SDK requests the code builds and with both
/// templates, so adding an API call without updating the role (or the other way round) fails the build.
/// </summary>
/// <remarks>
/// Action names: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html (and the SQS,
/// STS and S3 pages of the same reference).
/// </remarks>
public static class DriftGuardIamActions
{
    /// <summary>Read side: live groups (check, watch), regions (<c>--all-regions</c>), cross-account roles, S3 state.</summary>
    public static readonly IReadOnlyList<string> Read =
    [
        "ec2:DescribeRegions",
        "ec2:DescribeSecurityGroupRules",
        "ec2:DescribeSecurityGroups",
        "s3:GetObject",
        "sts:AssumeRole",
        "sts:GetCallerIdentity",
    ];

    /// <summary>Report side: who made a change (CloudTrail, signed JSON calls) and the drift ledger in S3.</summary>
    public static readonly IReadOnlyList<string> Report =
    [
        "cloudtrail:LookupEvents",
        "s3:PutObject",
    ];

    /// <summary>Write side: reverting drift (watch <c>--remediate</c>).</summary>
    public static readonly IReadOnlyList<string> Remediate =
    [
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
        "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
    ];

    /// <summary>Event side: the watch queue.</summary>
    public static readonly IReadOnlyList<string> Events =
    [
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:ReceiveMessage",
    ];

    /// <summary>All actions, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Read.Concat(Report).Concat(Remediate).Concat(Events).Order(StringComparer.Ordinal)];
}
