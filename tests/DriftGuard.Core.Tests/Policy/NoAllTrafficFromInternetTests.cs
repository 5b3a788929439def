using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class NoAllTrafficFromInternetTests
{
    private static readonly SecurityGroup[] Fixtures =
    [
        Sg("fail_all_protocols", All("0.0.0.0/0")),
        Sg("fail_all_protocols_ipv6", All("::/0")),
        Sg("fail_tcp_0_65535", Tcp(0, 65535, "0.0.0.0/0")),
        Sg("fail_udp_0_65535", Rule(Protocols.Udp, 0, 65535, "::/0")),
        Sg("fail_tcp_ports_unknown", Tcp(0, 0, "0.0.0.0/0") with { FromPort = null, ToPort = null, PortsUnknown = true }),
        Sg("fail_beside_prefix_list", All("pl-0123456789abcdef0"), All("0.0.0.0/0")),
        Sg("pass_tcp_1_65535", Tcp(1, 65535, "0.0.0.0/0")),
        Sg("pass_tcp_0_0", Tcp(0, 0, "0.0.0.0/0")),
        Sg("pass_private_all", All("10.0.0.0/8")),
        Sg("pass_self_all", All("self")),
        Sg("pass_prefix_list_all", All("pl-0123456789abcdef0")),
        Sg("pass_icmp_all", Icmp(-1, -1, "0.0.0.0/0")),
        Sg("pass_gre_47", Proto("47", "0.0.0.0/0")),
        Sg("pass_egress_all", All("0.0.0.0/0").Egress()),
        Sg("unknown_cidr_all", All("unknown:cidr")),
    ];

    [Fact]
    public void Evaluate_WhenFixturesLoaded_ShouldFailExactlyTheFailFixtures()
    {
        // Given the DG-SG-002 fixtures
        // When
        var (failed, _) = Run("DG-SG-002", Fixtures);

        // Then
        failed.ShouldBe(Names(Fixtures, "fail_"));
    }

    [Fact]
    public void Evaluate_WhenProtocolAllFromWorld_ShouldSayAllTraffic()
    {
        // Given
        var group = Sg("fail_all_protocols", All("0.0.0.0/0"));

        // When
        var finding = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings.Single(f => f.PolicyId == "DG-SG-002");

        // Then
        finding.Message.ShouldBe("ingress all from 0.0.0.0/0 allows all traffic from the internet");
        finding.Severity.ShouldBe(Severity.Critical);
    }
}
