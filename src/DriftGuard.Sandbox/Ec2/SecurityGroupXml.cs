using System.Xml.Linq;
using DriftGuard.Sandbox.Model;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// XML shapes of the security-group data types: SecurityGroup (with IpPermission lists that group sources sharing
/// protocol and ports, as EC2 does), SecurityGroupRule and RevokedSecurityGroupRule. Element names follow
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroup.html,
/// API_IpPermission.html, API_SecurityGroupRule.html and API_RevokedSecurityGroupRule.html.
/// </summary>
internal static class SecurityGroupXml
{
    public static XElement Group(SandboxState state, SandboxGroup group, IEnumerable<SandboxRule> rules)
    {
        var ordered = rules.OrderBy(r => r.Sequence).ToList();
        return Item(
            E("ownerId", group.OwnerId),
            E("groupId", group.GroupId),
            E("groupName", group.GroupName),
            E("groupDescription", group.Description),
            E("ipPermissions", Permissions(ordered.Where(r => !r.IsEgress), group.OwnerId)),
            E("ipPermissionsEgress", Permissions(ordered.Where(r => r.IsEgress), group.OwnerId)),
            E("vpcId", group.VpcId),
            E("securityGroupArn", state.GroupArn(group.GroupId)),
            group.Tags.Count > 0 ? TagSet(group.Tags) : null);
    }

    /// <summary>IpPermission items: one per (protocol, from, to) in order of first appearance; ports omitted for -1.</summary>
    public static IEnumerable<XElement> Permissions(IEnumerable<SandboxRule> rules, string ownerId) =>
        rules.GroupBy(r => (r.IpProtocol, r.FromPort, r.ToPort)).Select(p => Item(
            E("ipProtocol", p.Key.IpProtocol),
            p.Key.IpProtocol == "-1" ? null : Int("fromPort", p.Key.FromPort),
            p.Key.IpProtocol == "-1" ? null : Int("toPort", p.Key.ToPort),
            E("groups", p.Where(r => r.SourceKind == SandboxSourceKind.SecurityGroup).Select(r => Item(
                Optional("description", r.Description), E("groupId", r.Source), E("userId", r.ReferencedUserId ?? ownerId)))),
            E("ipRanges", p.Where(r => r.SourceKind == SandboxSourceKind.CidrIpv4).Select(r => Item(
                E("cidrIp", r.Source), Optional("description", r.Description)))),
            E("ipv6Ranges", p.Where(r => r.SourceKind == SandboxSourceKind.CidrIpv6).Select(r => Item(
                E("cidrIpv6", r.Source), Optional("description", r.Description)))),
            E("prefixListIds", p.Where(r => r.SourceKind == SandboxSourceKind.PrefixList).Select(r => Item(
                E("prefixListId", r.Source), Optional("description", r.Description))))));

    public static XElement Rule(SandboxState state, SandboxRule rule, string ownerId) => Item(
        E("securityGroupRuleId", rule.RuleId),
        E("groupId", rule.GroupId),
        E("groupOwnerId", ownerId),
        Bool("isEgress", rule.IsEgress),
        E("ipProtocol", rule.IpProtocol),
        Int("fromPort", rule.FromPort),
        Int("toPort", rule.ToPort),
        rule.SourceKind switch
        {
            SandboxSourceKind.CidrIpv4 => E("cidrIpv4", rule.Source),
            SandboxSourceKind.CidrIpv6 => E("cidrIpv6", rule.Source),
            SandboxSourceKind.PrefixList => E("prefixListId", rule.Source),
            _ => E("referencedGroupInfo", E("groupId", rule.Source), E("userId", rule.ReferencedUserId ?? ownerId)),
        },
        Optional("description", rule.Description),
        TagSet(rule.Tags),
        E("securityGroupRuleArn", state.RuleArn(rule.RuleId)));

    public static XElement RevokedRule(SandboxRule rule) => Item(
        E("securityGroupRuleId", rule.RuleId),
        E("groupId", rule.GroupId),
        Bool("isEgress", rule.IsEgress),
        E("ipProtocol", rule.IpProtocol),
        Int("fromPort", rule.FromPort),
        Int("toPort", rule.ToPort),
        rule.SourceKind switch
        {
            SandboxSourceKind.CidrIpv4 => E("cidrIpv4", rule.Source),
            SandboxSourceKind.CidrIpv6 => E("cidrIpv6", rule.Source),
            SandboxSourceKind.PrefixList => E("prefixListId", rule.Source),
            _ => E("referencedGroupId", rule.Source),
        },
        Optional("description", rule.Description));
}
