using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// Turns the wire form of <c>IpPermissions.N</c> (<c>IpProtocol</c>, <c>FromPort</c>, <c>ToPort</c>,
/// <c>IpRanges.M.CidrIp</c>/<c>.Description</c>, <c>Ipv6Ranges.M.CidrIpv6</c>, <c>PrefixListIds.M.PrefixListId</c>,
/// <c>Groups.M.GroupId</c>/<c>.GroupName</c>/<c>.UserId</c>) — or the legacy single-rule parameters
/// (<c>IpProtocol</c>, <c>FromPort</c>, <c>ToPort</c>, <c>CidrIp</c>, <c>SourceSecurityGroupName</c>,
/// <c>SourceSecurityGroupOwnerId</c>) — into canonical atomic rules, one per source, in request order. A legacy
/// <c>SourceSecurityGroupName</c> without <c>IpProtocol</c> grants full ICMP, TCP and UDP access (three rules).
/// See https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html.
/// </summary>
internal static class IpPermissionReader
{
    public static IReadOnlyList<SandboxRule> Read(Ec2Call call, SandboxGroup target, bool isEgress, bool allowLegacy)
    {
        var p = call.Params;
        var rules = new List<SandboxRule>();
        foreach (var member in p.Members("IpPermissions"))
        {
            var protocol = RuleCanonicalizer.Protocol(p.Get($"{member}.IpProtocol"));
            var (from, to) = RuleCanonicalizer.Ports(protocol, p.Int($"{member}.FromPort"), p.Int($"{member}.ToPort"));
            var before = rules.Count;
            foreach (var range in p.Members($"{member}.IpRanges"))
                rules.Add(Rule(SandboxSourceKind.CidrIpv4, RuleCanonicalizer.Ipv4Cidr(p.Required($"{range}.CidrIp")),
                    p.Get($"{range}.Description")));
            foreach (var range in p.Members($"{member}.Ipv6Ranges"))
                rules.Add(Rule(SandboxSourceKind.CidrIpv6, RuleCanonicalizer.Ipv6Cidr(p.Required($"{range}.CidrIpv6")),
                    p.Get($"{range}.Description")));
            foreach (var list in p.Members($"{member}.PrefixListIds"))
                rules.Add(Rule(SandboxSourceKind.PrefixList, RuleCanonicalizer.PrefixListId(p.Required($"{list}.PrefixListId")),
                    p.Get($"{list}.Description")));
            foreach (var pair in p.Members($"{member}.Groups"))
            {
                var (groupId, userId) = ReferencedGroup(call, target, p.Get($"{pair}.GroupId"), p.Get($"{pair}.GroupName"), p.Get($"{pair}.UserId"));
                rules.Add(Rule(SandboxSourceKind.SecurityGroup, groupId, p.Get($"{pair}.Description")) with { ReferencedUserId = userId });
            }
            if (rules.Count == before)
                throw new SandboxFault("MissingParameter",
                    "The request must contain the parameter ipRanges, ipv6Ranges, prefixListIds or groups");

            SandboxRule Rule(SandboxSourceKind kind, string source, string? description) =>
                new("", target.GroupId, isEgress, protocol, from, to, kind, source)
                {
                    Description = RuleCanonicalizer.Description(description),
                };
        }
        if (rules.Count == 0 && allowLegacy) rules.AddRange(ReadLegacy(call, target));
        return rules;
    }

    /// <summary>The pre-IpPermissions single-rule form AuthorizeSecurityGroupIngress still accepts.</summary>
    private static IEnumerable<SandboxRule> ReadLegacy(Ec2Call call, SandboxGroup target)
    {
        var p = call.Params;
        var cidr = p.Get("CidrIp");
        var sourceName = p.Get("SourceSecurityGroupName");
        if (cidr is null && sourceName is null) yield break;
        var protocol = RuleCanonicalizer.Protocol(p.Get("IpProtocol") ?? "-1");
        var (from, to) = RuleCanonicalizer.Ports(protocol, p.Int("FromPort"), p.Int("ToPort"));
        if (cidr is not null)
            yield return new SandboxRule("", target.GroupId, false, protocol, from, to, SandboxSourceKind.CidrIpv4,
                RuleCanonicalizer.Ipv4Cidr(cidr));
        if (sourceName is not null)
        {
            var (groupId, userId) = ReferencedGroup(call, target, null, sourceName, p.Get("SourceSecurityGroupOwnerId"));
            // API_AuthorizeSecurityGroupIngress.html, SourceSecurityGroupName: "The rule grants full ICMP, UDP, and TCP
            // access" — three rules when no protocol narrows it.
            var grants = p.Get("IpProtocol") is null
                ? [("icmp", -1, -1), ("tcp", 0, 65535), ("udp", 0, 65535)]
                : new[] { (protocol, from, to) };
            foreach (var (grantProtocol, grantFrom, grantTo) in grants)
                yield return new SandboxRule("", target.GroupId, false, grantProtocol, grantFrom, grantTo, SandboxSourceKind.SecurityGroup, groupId)
                {
                    ReferencedUserId = userId,
                };
        }
    }

    /// <summary>
    /// A peer group by id (must exist in the target's VPC unless it belongs to another account) or by name within the target's VPC.
    /// </summary>
    private static (string GroupId, string UserId) ReferencedGroup(
        Ec2Call call, SandboxGroup target, string? groupId, string? groupName, string? userId)
    {
        var owner = string.IsNullOrEmpty(userId) ? call.State.AccountId : userId;
        if (!string.IsNullOrEmpty(groupId))
        {
            RuleCanonicalizer.GroupId(groupId);
            if (owner == call.State.AccountId) RequireSameVpc(call, target, groupId);
            return (groupId, owner);
        }
        if (!string.IsNullOrEmpty(groupName))
        {
            var match = call.State.GroupTable.Values.FirstOrDefault(g => g.VpcId == target.VpcId && g.GroupName == groupName)
                        ?? throw SandboxFault.GroupNotFound(groupName);
            return (match.GroupId, owner);
        }
        throw new SandboxFault("MissingParameter", "The request must contain the parameter groupId or groupName for a user id group pair");
    }

    /// <summary>
    /// A referenced group of this account must exist and sit in the target's VPC (the sandbox has no VPC peering);
    /// EC2 refuses a peer from another VPC with <c>InvalidGroup.NotFound</c> "…two resources that belong to different networks".
    /// </summary>
    public static void RequireSameVpc(Ec2Call call, SandboxGroup target, string peerGroupId)
    {
        if (!call.State.GroupTable.TryGetValue(peerGroupId, out var peer)) throw SandboxFault.GroupNotFound(peerGroupId);
        if (peer.VpcId != target.VpcId)
            throw new SandboxFault("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.");
    }
}
