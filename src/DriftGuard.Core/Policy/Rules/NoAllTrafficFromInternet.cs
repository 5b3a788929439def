using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy.Rules;

/// <summary>
/// DG-SG-002: no ingress from <c>0.0.0.0/0</c> or <c>::/0</c> for all traffic: protocol all (<c>-1</c>), or every
/// tcp or udp port (0-65535). A tcp/udp rule whose ports are unknown until apply is treated as all ports (fail closed).
/// </summary>
/// <remarks>Critical: such a rule exposes every listening service, the administration ports included.</remarks>
internal sealed class NoAllTrafficFromInternet : IWorldExposurePolicy
{
    public PolicyInfo Info { get; } = new(
        "DG-SG-002",
        "Ec2.SecurityGroup.NoAllTrafficFromInternet",
        "Security groups should not allow all traffic from the internet",
        Severity.Critical,
        "A rule for every protocol or every port from 0.0.0.0/0 or ::/0 exposes every service on every attached " +
        "interface, including administration ports, databases and debug endpoints nobody meant to publish. It " +
        "usually comes from a temporary troubleshooting change that was never removed.",
        "Replace the rule with one rule per service that must be public (typically tcp 443), and reach everything " +
        "else through private peers. Terraform: replace protocol = \"-1\" (or from_port = 0, to_port = 65535) with " +
        "from_port = to_port = 443, protocol = \"tcp\". CloudFormation: replace IpProtocol: -1 (or FromPort: 0, " +
        "ToPort: 65535) with IpProtocol: tcp, FromPort: 443, ToPort: 443.",
        [
            "AWS-SecurityHub-EC2.18",
            "AWS-SecurityHub-EC2.19",
            "AWS-SecurityHub-EC2.13",
            "AWS-SecurityHub-EC2.14",
            "CIS-AWS-Foundations: no security group allows ingress from 0.0.0.0/0 or ::/0 to remote administration ports",
            "PCI-DSS-v4.0-1.3.1",
            "NIST-800-53-SC-7",
        ]);

    public string? Check(SgRule rule, SecurityGroup group, PolicyContext context)
    {
        if (!PolicyContext.IsWorldIngress(rule) || !rule.CoversAllPorts) return null;
        if (rule.Protocol == Protocols.All) return $"{PolicyContext.Describe(rule)} allows all traffic from the internet";
        return rule.PortsUnknown
            ? $"{PolicyContext.Describe(rule)} allows {rule.Protocol} on ports unknown until apply (evaluated as every port) from the internet"
            : $"{PolicyContext.Describe(rule)} allows every {rule.Protocol} port from the internet";
    }
}
