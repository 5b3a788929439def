using Amazon.EC2.Model;
using DriftGuard.Core.Model;

namespace DriftGuard.Aws.Permissions;

/// <summary>
/// Converts canonical atomic rules back into EC2 <c>IpPermission</c>s for Authorize/Revoke calls: one permission per
/// rule, exactly one peer each.
/// </summary>
/// <remarks>Shape: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html.</remarks>
public static class IpPermissions
{
    /// <summary>
    /// The permission that creates <paramref name="rule"/>. Protocol <c>all</c> becomes <c>-1</c> without ports;
    /// numbered protocols carry no ports; ICMP carries type/code in FromPort/ToPort.
    /// </summary>
    /// <exception cref="ArgumentException">The rule's peer is unknown or still an IaC reference (not an <c>sg-</c> id).</exception>
    public static IpPermission FromRule(SgRule rule)
    {
        var p = new IpPermission
        {
            IpProtocol = rule.Protocol == Protocols.All ? "-1" : rule.Protocol,
        };
        if (rule.Protocol != Protocols.All && Protocols.HasPorts(rule.Protocol))
        {
            p.FromPort = rule.FromPort ?? -1;
            p.ToPort = rule.ToPort ?? -1;
        }
        var description = rule.Description;
        switch (rule.Source)
        {
            case Cidr { IsIpv6: true } c:
                p.Ipv6Ranges = [new Ipv6Range { CidrIpv6 = c.Block, Description = description }];
                break;
            case Cidr c:
                p.Ipv4Ranges = [new IpRange { CidrIp = c.Block, Description = description }];
                break;
            case Core.Model.PrefixList pl:
                p.PrefixListIds = [new PrefixListId { Id = pl.Id, Description = description }];
                break;
            case GroupRef g when g.GroupId.StartsWith("sg-", StringComparison.Ordinal):
                p.UserIdGroupPairs = [new UserIdGroupPair { GroupId = g.GroupId, Description = description }];
                break;
            default:
                throw new ArgumentException($"rule {rule} has no concrete peer to send to EC2", nameof(rule));
        }
        return p;
    }
}
