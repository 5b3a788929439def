using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>
/// The rules EC2 gives a VPC's default security group: inbound all traffic from the group itself, outbound all
/// traffic to <c>0.0.0.0/0</c> (and to <c>::/0</c> when the VPC has an IPv6 block).
/// See https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html.
/// </summary>
public static class DefaultGroupRules
{
    private static readonly Cidr AnyIpv4 = new("0.0.0.0/0");
    private static readonly Cidr AnyIpv6 = new("::/0");

    /// <summary>True when <paramref name="rule"/> of group <paramref name="groupId"/> is one of the default group's own rules.</summary>
    public static bool IsDefaultRule(SgRule rule, string groupId) =>
        rule.Protocol == Protocols.All && rule.Direction switch
        {
            Direction.Ingress => rule.Source is GroupRef g && g.GroupId == groupId,
            Direction.Egress => rule.Source == AnyIpv4 || rule.Source == AnyIpv6,
            _ => false,
        };

    /// <summary>
    /// True for the allow-all egress rules EC2 gives a new group, to <c>0.0.0.0/0</c> and, in a VPC with an IPv6 block, to
    /// <c>::/0</c>; CloudFormation keeps them when <c>SecurityGroupEgress</c> sets no rule
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html).
    /// </summary>
    public static bool IsAllowAllEgress(SgRule rule) =>
        rule.Direction == Direction.Egress && rule.Protocol == Protocols.All && (rule.Source == AnyIpv4 || rule.Source == AnyIpv6);
}
