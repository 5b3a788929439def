using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy.Rules;

/// <summary>
/// DG-SG-003: no ingress from <c>0.0.0.0/0</c> or <c>::/0</c> to a high-risk port, the list AWS Security Hub
/// control EC2.19 uses (tcp, udp, or protocol all).
/// </summary>
internal sealed class NoHighRiskPortsFromInternet : IWorldExposurePolicy
{
    /// <summary>Security Hub EC2.19's high-risk ports: file transfer, remote access, mail, Windows, databases, dashboards, search.</summary>
    public static readonly IReadOnlyList<int> HighRiskPorts =
        [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

    public PolicyInfo Info { get; } = new(
        "DG-SG-003",
        "Ec2.SecurityGroup.NoHighRiskPortsFromInternet",
        "Security groups should not allow unrestricted access to ports with high risk",
        Severity.High,
        "The high-risk ports carry services that are routinely attacked when public: FTP, SSH, Telnet, SMTP, POP3, " +
        "IMAP, RPC, SMB, SQL Server, MySQL, PostgreSQL, development servers (3000, 5000, 8080, 8088, 8888), " +
        "Kibana and Elasticsearch. Most have no place on the internet and many authenticate weakly by default.",
        "Remove the rule or narrow its peer to the networks or security groups that use the service; put web " +
        "services behind a load balancer on 443. Terraform: change cidr_blocks / ipv6_cidr_blocks (or cidr_ipv4 / " +
        "cidr_ipv6) from 0.0.0.0/0 and ::/0 to the client network, or use security_groups / " +
        "referenced_security_group_id. CloudFormation: change CidrIp / CidrIpv6 to the client network, or use " +
        "SourceSecurityGroupId or SourcePrefixListId.",
        ["AWS-SecurityHub-EC2.19", "PCI-DSS-v4.0-1.3.1", "NIST-800-53-SC-7"]);

    public string? Check(SgRule rule, SecurityGroup group, PolicyContext context)
    {
        if (!PolicyContext.IsWorldIngress(rule)) return null;
        var hits = HighRiskPorts.Where(p => rule.CoversPort(p)).ToList();
        if (hits.Count == 0) return null;
        var list = hits.Count == HighRiskPorts.Count ? "every high-risk port" : "high-risk port" + (hits.Count > 1 ? "s " : " ") + string.Join(", ", hits);
        return $"{PolicyContext.Describe(rule)} allows {list} from the internet";
    }
}
