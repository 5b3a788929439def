using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy.Rules;

/// <summary>
/// DG-SG-007: no rule, inbound or outbound, whose CIDR overlaps a CIDR the policy file forbids
/// (<c>forbiddenCidrs</c>; empty by default, so the policy is silent until configured).
/// </summary>
internal sealed class NoForbiddenCidrs : IRulePolicy
{
    public PolicyInfo Info { get; } = new(
        "DG-SG-007",
        "Ec2.SecurityGroup.NoForbiddenCidrs",
        "Security group rules should not reach forbidden networks",
        Severity.High,
        "Organisations keep lists of networks no workload may talk to: a partner range that was cut off, another " +
        "environment's VPC, an address block of a sanctioned provider. A rule whose CIDR overlaps one of them " +
        "(contains it or lies inside it) lets that traffic through.",
        "Remove the rule or narrow its CIDR so that it no longer overlaps the forbidden block. Terraform: edit " +
        "cidr_blocks / ipv6_cidr_blocks (cidr_ipv4 / cidr_ipv6). CloudFormation: edit CidrIp / CidrIpv6 " +
        "(DestinationCidrIp for egress rules are CidrIp too).",
        ["NIST-800-53-SC-7", "NIST-800-53-AC-4"]);

    public string? Check(SgRule rule, SecurityGroup group, PolicyContext context)
    {
        if (rule.Source is not Cidr cidr) return null;
        var hit = context.Config.ForbiddenCidrs.FirstOrDefault(f => Overlaps(cidr, f));
        return hit is null ? null : $"{PolicyContext.Describe(rule)} overlaps forbidden network {hit}";
    }

    /// <summary>Two blocks of one family overlap when either contains the other's first address.</summary>
    internal static bool Overlaps(Cidr a, Cidr b)
    {
        if (a.IsIpv6 != b.IsIpv6) return false;
        var na = a.Network;
        var nb = b.Network;
        return na.Contains(nb.BaseAddress) || nb.Contains(na.BaseAddress);
    }
}
