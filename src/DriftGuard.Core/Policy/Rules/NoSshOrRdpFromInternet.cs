using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy.Rules;

/// <summary>
/// DG-SG-001: no ingress from <c>0.0.0.0/0</c> or <c>::/0</c> that reaches SSH (tcp 22) or RDP (tcp or udp 3389),
/// whether by the exact port, a range such as 20-25 or 0-65535, or protocol all.
/// </summary>
/// <remarks>
/// Critical rather than high: these are interactive administration services, scanned and brute-forced within
/// minutes of exposure, and a successful login is full control of the host. It is the incident DriftGuard exists for.
/// </remarks>
internal sealed class NoSshOrRdpFromInternet : IWorldExposurePolicy
{
    public const int Ssh = 22;
    public const int Rdp = 3389;

    public PolicyInfo Info { get; } = new(
        "DG-SG-001",
        "Ec2.SecurityGroup.NoSshOrRdpFromInternet",
        "Security groups should not allow SSH or RDP from the internet",
        Severity.Critical,
        "SSH (22) and RDP (3389) give interactive control of a host. Open to 0.0.0.0/0 or ::/0 they are found by " +
        "internet-wide scanners within minutes and brute-forced or exploited; one weak credential or unpatched " +
        "service is then full compromise.",
        "Remove the rule or narrow its peer to a bastion security group, a VPN CIDR or a managed prefix list; " +
        "prefer AWS Systems Manager Session Manager, which needs no inbound port. Terraform: in the ingress block " +
        "(or aws_vpc_security_group_ingress_rule) replace cidr_blocks = [\"0.0.0.0/0\"] / ipv6_cidr_blocks = [\"::/0\"] " +
        "with the admin network, or use referenced_security_group_id / security_groups. CloudFormation: in " +
        "SecurityGroupIngress replace CidrIp: 0.0.0.0/0 / CidrIpv6: ::/0 with the admin network or SourceSecurityGroupId.",
        [
            "CIS-AWS-Foundations: no security group allows ingress from 0.0.0.0/0 or ::/0 to remote administration ports",
            "AWS-SecurityHub-EC2.13",
            "AWS-SecurityHub-EC2.14",
            "PCI-DSS-v4.0-1.3.1",
            "NIST-800-53-SC-7",
        ]);

    public string? Check(SgRule rule, SecurityGroup group, PolicyContext context)
    {
        if (!PolicyContext.IsWorldIngress(rule)) return null;
        var ssh = rule.CoversPort(Ssh, tcpOnly: true);
        // RDP also runs over UDP 3389 (RDP 8.0 UDP transport), so udp counts.
        var rdp = rule.CoversPort(Rdp);
        if (!ssh && !rdp) return null;
        var what = ssh && rdp ? "SSH (22) and RDP (3389)" : ssh ? "SSH (22)" : "RDP (3389)";
        return $"{PolicyContext.Describe(rule)} allows {what} from the internet";
    }
}
