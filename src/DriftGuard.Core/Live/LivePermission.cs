using DriftGuard.Core.Model;

namespace DriftGuard.Core.Live;

/// <summary>Kind of peer in a live EC2 permission.</summary>
public enum LivePeerKind
{
    /// <summary><c>IpRanges[].CidrIp</c> / <c>CidrIpv4</c>.</summary>
    Ipv4,
    /// <summary><c>Ipv6Ranges[].CidrIpv6</c> / <c>CidrIpv6</c>.</summary>
    Ipv6,
    /// <summary><c>PrefixListIds[].PrefixListId</c> / <c>PrefixListId</c>.</summary>
    PrefixList,
    /// <summary><c>UserIdGroupPairs[].GroupId</c> (or <c>GroupName</c> when no id) / <c>ReferencedGroupInfo.GroupId</c>.</summary>
    Group,
}

/// <summary>One peer of a live permission, with its own description (EC2 keeps descriptions per peer).</summary>
/// <param name="Kind">Peer kind.</param>
/// <param name="Value">CIDR, prefix list id, or group id/name, as EC2 returned it.</param>
/// <param name="Description">Peer description; null when absent.</param>
public sealed record LivePeer(LivePeerKind Kind, string Value, string? Description);

/// <summary>
/// A live EC2 permission before canonicalisation: one <c>IpPermission</c> of
/// <c>DescribeSecurityGroups</c>, or one <c>SecurityGroupRule</c> of <c>DescribeSecurityGroupRules</c> (one peer).
/// </summary>
/// <remarks>
/// Shapes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html and
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html.
/// </remarks>
/// <param name="GroupId">The owning group's <c>sg-</c> id.</param>
/// <param name="Direction">Ingress (<c>IpPermissions</c>, <c>IsEgress=false</c>) or egress.</param>
/// <param name="Protocol">Protocol as EC2 returned it (<c>tcp</c>, <c>-1</c>, <c>47</c>, …).</param>
/// <param name="FromPort">From port or ICMP type; null when absent.</param>
/// <param name="ToPort">To port or ICMP code; null when absent.</param>
/// <param name="Peers">The peers; each becomes one atomic rule.</param>
public sealed record LivePermission(string GroupId, Direction Direction, string? Protocol, int? FromPort, int? ToPort,
                                    IReadOnlyList<LivePeer> Peers)
{
    /// <summary>Security group rule id (<c>sgr-…</c>) when the permission came from <c>DescribeSecurityGroupRules</c>.</summary>
    public string? RuleId { get; init; }
}
