using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class NoSshOrRdpFromInternetTests
{
    private static readonly SecurityGroup[] Fixtures =
    [
        Sg("fail_cidr_22", Tcp(22, "0.0.0.0/0")),
        Sg("fail_range_20_25", Tcp(20, 25, "0.0.0.0/0")),
        Sg("fail_range_0_65535", Tcp(0, 65535, "0.0.0.0/0")),
        Sg("fail_ipv6", Tcp(22, "::/0")),
        Sg("fail_all_protocols", All("0.0.0.0/0")),
        Sg("fail_rdp_tcp", Tcp(3389, "0.0.0.0/0")),
        Sg("fail_rdp_udp", Udp(3389, "::/0")),
        Sg("fail_rdp_range_3380_3390", Tcp(3380, 3390, "0.0.0.0/0")),
        Sg("fail_beside_prefix_list", Tcp(22, "pl-0123456789abcdef0"), Tcp(22, "0.0.0.0/0")),
        Sg("fail_beside_self", Tcp(22, "self"), Tcp(22, "0.0.0.0/0")),
        Sg("pass_private_cidr", Tcp(22, "10.0.0.0/8")),
        Sg("pass_public_host_32", Tcp(22, "203.0.113.10/32")),
        Sg("pass_port_443", Tcp(443, "0.0.0.0/0")),
        Sg("pass_range_23_3388", Tcp(23, 3388, "0.0.0.0/0")),
        Sg("pass_self", Tcp(22, "self")),
        Sg("pass_group_ref", All("sg-0123456789abcdef0")),
        Sg("pass_prefix_list", Tcp(22, "pl-0123456789abcdef0")),
        Sg("pass_icmp", Icmp(8, 0, "0.0.0.0/0")),
        Sg("pass_icmp_type_22", Icmp(22, -1, "0.0.0.0/0")),
        Sg("pass_icmp_all", Icmp(-1, -1, "::/0")),
        Sg("pass_gre_47", Proto("47", "0.0.0.0/0")),
        Sg("pass_esp_50", Proto("50", "0.0.0.0/0")),
        Sg("pass_tcp_0_0", Tcp(0, 0, "0.0.0.0/0")),
        Sg("pass_udp_22", Udp(22, "0.0.0.0/0")),
        Sg("pass_egress_22", Tcp(22, "0.0.0.0/0").Egress()),
        Sg("unknown_cidr_22", Tcp(22, "unknown:cidr")),
        Sg("unknown_group_22", Tcp(22, "unknown:group")),
    ];

    [Fact]
    public void Evaluate_WhenFixturesLoaded_ShouldFailExactlyTheFailFixtures()
    {
        // Given the DG-SG-001 fixtures
        // When the engine runs with the default policy file
        var (failed, passed) = Run("DG-SG-001", Fixtures);

        // Then exactly the fail_* fixtures fail; pass_* and unknown_* (DG-SG-006's business) do not
        failed.ShouldBe(Names(Fixtures, "fail_"));
        passed.ShouldBe([.. Names(Fixtures, "pass_"), .. Names(Fixtures, "unknown_")], ignoreOrder: true);
    }

    [Fact]
    public void Evaluate_WhenSshOpenToWorld_ShouldReportCriticalWithControlsAndMessage()
    {
        // Given SSH open to the world
        var group = Sg("fail_cidr_22", Tcp(22, "0.0.0.0/0"));

        // When
        var finding = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings
            .Single(f => f.PolicyId == "DG-SG-001");

        // Then the user sees a critical finding naming SSH and mapped to EC2.13
        finding.Severity.ShouldBe(Severity.Critical);
        finding.Message.ShouldBe("ingress tcp/22 from 0.0.0.0/0 allows SSH (22) from the internet");
        finding.Controls.ShouldContain("AWS-SecurityHub-EC2.13");
        finding.Resource.ShouldBe("fail_cidr_22");
    }

    [Fact]
    public void Evaluate_WhenRangeCoversSshAndRdp_ShouldReportOneFindingNamingBoth()
    {
        // Given one rule 0-65535 from ::/0
        var group = Sg("fail_range_0_65535", Tcp(0, 65535, "::/0"));

        // When
        var findings = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings.Where(f => f.PolicyId == "DG-SG-001").ToList();

        // Then one finding per atomic rule, naming both services
        findings.ShouldHaveSingleItem().Message.ShouldContain("SSH (22) and RDP (3389)");
    }
}
