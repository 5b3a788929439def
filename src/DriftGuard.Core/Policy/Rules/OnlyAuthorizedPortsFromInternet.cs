using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy.Rules;

/// <summary>
/// DG-SG-004: ingress from <c>0.0.0.0/0</c> or <c>::/0</c> only to authorized ports (policy file
/// <c>authorizedPorts</c>, default 80 and 443), as AWS Security Hub control EC2.18. Applies to tcp, udp and
/// protocol all; ICMP and numbered protocols have no ports and are out of scope.
/// </summary>
/// <remarks>
/// Medium rather than EC2.18's high: the dangerous public ports already fail DG-SG-001..003 at critical/high, and
/// what is left here (8443, a game server's udp port) is often intended; at high, teams disable the whole policy
/// instead of listing their ports.
/// </remarks>
internal sealed class OnlyAuthorizedPortsFromInternet : IWorldExposurePolicy
{
    public PolicyInfo Info { get; } = new(
        "DG-SG-004",
        "Ec2.SecurityGroup.OnlyAuthorizedPortsFromInternet",
        "Security groups should only allow unrestricted incoming traffic for authorized ports",
        Severity.Medium,
        "Every port open to the internet is attack surface. Keeping the public ports to a short, reviewed list " +
        "(by default HTTP 80 and HTTPS 443) makes each new exposure a deliberate decision instead of an accident.",
        "Narrow the rule's peer to the networks that need the port, or, if the port is meant to be public, add it " +
        "to authorizedPorts in .driftguard.yml. Terraform: change cidr_blocks / ipv6_cidr_blocks (cidr_ipv4 / " +
        "cidr_ipv6) away from 0.0.0.0/0 and ::/0, or narrow from_port / to_port to the authorized ports. " +
        "CloudFormation: change CidrIp / CidrIpv6, or narrow FromPort / ToPort.",
        ["AWS-SecurityHub-EC2.18", "PCI-DSS-v4.0-1.3.1", "NIST-800-53-SC-7"]);

    public string? Check(SgRule rule, SecurityGroup group, PolicyContext context)
    {
        if (!PolicyContext.IsWorldIngress(rule)) return null;
        var authorized = context.Config.AuthorizedPorts;
        if (rule.Protocol == Protocols.All)
            return $"{PolicyContext.Describe(rule)} allows every port from the internet; authorized: {Authorized(authorized)}";
        if (!Protocols.HasPortNumbers(rule.Protocol)) return null;
        if (rule.PortsUnknown)
            return $"{PolicyContext.Describe(rule)} allows ports unknown until apply from the internet; authorized: {Authorized(authorized)}";
        int from = rule.FromPort ?? 0, to = rule.ToPort ?? 65535;
        var firstUnauthorized = FirstUnauthorized(from, to, authorized);
        return firstUnauthorized is null
            ? null
            : $"{PolicyContext.Describe(rule)} allows port {firstUnauthorized} from the internet, which is not authorized ({Authorized(authorized)})";
    }

    private static int? FirstUnauthorized(int from, int to, IReadOnlyList<int> authorized)
    {
        // Walk at most |authorized|+1 steps: the first port of the range not in the list.
        var set = authorized.ToHashSet();
        for (var p = from; p <= to; p++)
            if (!set.Contains(p)) return p;
        return null;
    }

    private static string Authorized(IReadOnlyList<int> ports) => ports.Count == 0 ? "none" : string.Join(", ", ports);
}
