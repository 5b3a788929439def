using DriftGuard.Core.Live;
using DriftGuard.Core.Model;
using Ec2 = Amazon.EC2.Model;

namespace DriftGuard.Aws.Live;

/// <summary>
/// Pure mapping from AWSSDK.EC2 v4 types to canonical live groups. Group metadata (name, VPC, tags, description,
/// owner) comes from <c>DescribeSecurityGroups</c>; rules come from <c>DescribeSecurityGroupRules</c> when it was read
/// (one item per peer, with its <c>sgr-</c> id), else from the groups' <c>IpPermissions</c>. SDK v4 leaves unset
/// lists null, so every list is read with <c>?? []</c>.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroup.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html.
/// </remarks>
public static class Ec2SecurityGroupMapper
{
    /// <summary>Maps groups (and, when read, their rules) of one region.</summary>
    /// <param name="groups">DescribeSecurityGroups items.</param>
    /// <param name="rules">DescribeSecurityGroupRules items; null when that call was not made or was denied.</param>
    /// <param name="region">Region stamped on the groups.</param>
    /// <returns>The groups, and errors for values EC2 should never return (an invalid CIDR, an unknown protocol).</returns>
    public static (IReadOnlyList<SecurityGroup> Groups, IReadOnlyList<Diagnostic> Errors) ToCanonical(
        IEnumerable<Ec2.SecurityGroup> groups, IEnumerable<Ec2.SecurityGroupRule>? rules, string region)
    {
        var source = $"ec2:{region}";
        var errors = new List<Diagnostic>();
        Dictionary<string, List<SgRule>>? ruleByGroup = null;
        if (rules is not null)
        {
            ruleByGroup = new Dictionary<string, List<SgRule>>(StringComparer.Ordinal);
            foreach (var r in rules)
            {
                if (string.IsNullOrEmpty(r.GroupId)) continue;
                var (atomic, errs) = LiveRuleFactory.ToRules(ToPermission(r), source);
                errors.AddRange(errs);
                if (!ruleByGroup.TryGetValue(r.GroupId, out var list)) ruleByGroup[r.GroupId] = list = [];
                list.AddRange(atomic);
            }
        }
        var result = new List<SecurityGroup>();
        foreach (var g in groups)
        {
            if (string.IsNullOrEmpty(g.GroupId)) continue;
            IEnumerable<SgRule> groupRules;
            if (ruleByGroup is not null) groupRules = ruleByGroup.GetValueOrDefault(g.GroupId) ?? [];
            else
            {
                var fromPermissions = new List<SgRule>();
                foreach (var p in ToPermissions(g))
                {
                    var (atomic, errs) = LiveRuleFactory.ToRules(p, source);
                    errors.AddRange(errs);
                    fromPermissions.AddRange(atomic);
                }
                groupRules = fromPermissions;
            }
            var tags = (g.Tags ?? []).Where(t => t.Key is not null).GroupBy(t => t.Key).ToDictionary(t => t.Key, t => t.Last().Value ?? "", StringComparer.Ordinal);
            result.Add(LiveGroupFactory.Create(g.GroupId, g.GroupName, g.Description, g.VpcId, g.OwnerId, region, tags, groupRules));
        }
        return (result, errors);
    }

    /// <summary>One <see cref="LivePermission"/> per <c>IpPermission</c> of <paramref name="group"/>, ingress then egress.</summary>
    public static IEnumerable<LivePermission> ToPermissions(Ec2.SecurityGroup group)
    {
        foreach (var p in group.IpPermissions ?? []) yield return ToPermission(group.GroupId, Direction.Ingress, p);
        foreach (var p in group.IpPermissionsEgress ?? []) yield return ToPermission(group.GroupId, Direction.Egress, p);
    }

    /// <summary>A <c>SecurityGroupRule</c> as a one-peer permission carrying its rule id.</summary>
    public static LivePermission ToPermission(Ec2.SecurityGroupRule rule)
    {
        var peers = new List<LivePeer>(1);
        if (!string.IsNullOrEmpty(rule.CidrIpv4)) peers.Add(new LivePeer(LivePeerKind.Ipv4, rule.CidrIpv4, rule.Description));
        if (!string.IsNullOrEmpty(rule.CidrIpv6)) peers.Add(new LivePeer(LivePeerKind.Ipv6, rule.CidrIpv6, rule.Description));
        if (!string.IsNullOrEmpty(rule.PrefixListId)) peers.Add(new LivePeer(LivePeerKind.PrefixList, rule.PrefixListId, rule.Description));
        if (!string.IsNullOrEmpty(rule.ReferencedGroupInfo?.GroupId))
            peers.Add(new LivePeer(LivePeerKind.Group, rule.ReferencedGroupInfo.GroupId, rule.Description));
        return new LivePermission(rule.GroupId, rule.IsEgress == true ? Direction.Egress : Direction.Ingress, rule.IpProtocol,
                                  rule.FromPort, rule.ToPort, peers) { RuleId = rule.SecurityGroupRuleId };
    }

    private static LivePermission ToPermission(string groupId, Direction direction, Ec2.IpPermission p)
    {
        var peers = new List<LivePeer>();
        foreach (var r in p.Ipv4Ranges ?? []) if (!string.IsNullOrEmpty(r.CidrIp)) peers.Add(new LivePeer(LivePeerKind.Ipv4, r.CidrIp, r.Description));
        foreach (var r in p.Ipv6Ranges ?? []) if (!string.IsNullOrEmpty(r.CidrIpv6)) peers.Add(new LivePeer(LivePeerKind.Ipv6, r.CidrIpv6, r.Description));
        foreach (var r in p.PrefixListIds ?? []) if (!string.IsNullOrEmpty(r.Id)) peers.Add(new LivePeer(LivePeerKind.PrefixList, r.Id, r.Description));
        foreach (var r in p.UserIdGroupPairs ?? [])
        {
            // A pair naming the own group stays GroupRef(ownId); the name only stands in where EC2 gives no id.
            var peer = string.IsNullOrEmpty(r.GroupId) ? r.GroupName : r.GroupId;
            if (!string.IsNullOrEmpty(peer)) peers.Add(new LivePeer(LivePeerKind.Group, peer, r.Description));
        }
        return new LivePermission(groupId, direction, p.IpProtocol, p.FromPort, p.ToPort, peers);
    }
}
