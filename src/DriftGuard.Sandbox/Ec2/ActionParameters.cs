using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// The top-level request parameters each served EC2 action accepts (the first segment of a Query name:
/// <c>IpPermissions</c> for <c>IpPermissions.1.IpRanges.1.CidrIp</c>), as listed under "Request Parameters" on each
/// action's API Reference page, plus the common parameters (<c>Action</c>, <c>Version</c>, <c>DryRun</c> and the
/// signature parameters, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonParameters.html). Any other
/// name is rejected as EC2 does: HTTP 400 <c>UnknownParameter</c> "The parameter X is not recognized".
/// </summary>
internal static class ActionParameters
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "Action", "Version", "DryRun",
        "AWSAccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "Timestamp", "Expires", "SecurityToken",
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature",
        "X-Amz-Security-Token",
    };

    private static readonly string[] LegacyRule =
        ["IpPermissions", "CidrIp", "FromPort", "ToPort", "IpProtocol", "SourceSecurityGroupName", "SourceSecurityGroupOwnerId"];

    private static readonly Dictionary<string, HashSet<string>> ByAction = new(StringComparer.Ordinal)
    {
        ["CreateSecurityGroup"] = Set("GroupName", "GroupDescription", "VpcId", "TagSpecification"),
        ["DeleteSecurityGroup"] = Set("GroupId", "GroupName"),
        ["DescribeSecurityGroups"] = Set("GroupId", "GroupName", "Filter", "MaxResults", "NextToken"),
        ["DescribeSecurityGroupRules"] = Set("SecurityGroupRuleId", "Filter", "MaxResults", "NextToken"),
        ["AuthorizeSecurityGroupIngress"] = Set([.. LegacyRule, "GroupId", "GroupName", "TagSpecification"]),
        ["AuthorizeSecurityGroupEgress"] = Set([.. LegacyRule, "GroupId", "TagSpecification"]),
        ["RevokeSecurityGroupIngress"] = Set([.. LegacyRule, "GroupId", "GroupName", "SecurityGroupRuleId"]),
        ["RevokeSecurityGroupEgress"] = Set([.. LegacyRule, "GroupId", "SecurityGroupRuleId"]),
        ["ModifySecurityGroupRules"] = Set("GroupId", "SecurityGroupRule"),
        ["UpdateSecurityGroupRuleDescriptionsIngress"] = Set("GroupId", "GroupName", "IpPermissions", "SecurityGroupRuleDescription"),
        ["UpdateSecurityGroupRuleDescriptionsEgress"] = Set("GroupId", "GroupName", "IpPermissions", "SecurityGroupRuleDescription"),
        ["CreateTags"] = Set("ResourceId", "Tag"),
        ["DeleteTags"] = Set("ResourceId", "Tag"),
        ["CreateVpc"] = Set("CidrBlock", "AmazonProvidedIpv6CidrBlock", "InstanceTenancy", "Ipv4IpamPoolId", "Ipv4NetmaskLength",
            "Ipv6CidrBlock", "Ipv6CidrBlockNetworkBorderGroup", "Ipv6IpamPoolId", "Ipv6NetmaskLength", "Ipv6Pool", "TagSpecification"),
        ["DescribeVpcs"] = Set("VpcId", "Filter", "MaxResults", "NextToken"),
        ["DescribeRegions"] = Set("RegionName", "Filter", "AllRegions"),
    };

    /// <summary>Throws <c>UnknownParameter</c> for the first parameter <paramref name="action"/> does not take.</summary>
    public static void RejectUnknown(string action, QueryParameters parameters)
    {
        if (!ByAction.TryGetValue(action, out var accepted)) return;
        foreach (var name in parameters.Values.Keys)
        {
            var dot = name.IndexOf('.');
            var head = dot < 0 ? name : name[..dot];
            if (!Common.Contains(head) && !accepted.Contains(head))
                throw new SandboxFault("UnknownParameter", $"The parameter {head} is not recognized");
        }
    }

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
}
