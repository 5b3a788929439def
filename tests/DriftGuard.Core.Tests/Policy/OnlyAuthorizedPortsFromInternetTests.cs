using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class OnlyAuthorizedPortsFromInternetTests
{
    private static readonly SecurityGroup[] Fixtures =
    [
        Sg("fail_port_8443", Tcp(8443, "0.0.0.0/0")),
        Sg("fail_range_80_443", Tcp(80, 443, "0.0.0.0/0")),
        Sg("fail_tcp_0_0", Tcp(0, 0, "0.0.0.0/0")),
        Sg("fail_udp_53_ipv6", Udp(53, "::/0")),
        Sg("fail_all_protocols", All("0.0.0.0/0")),
        Sg("pass_port_443", Tcp(443, "0.0.0.0/0")),
        Sg("pass_port_80_ipv6", Tcp(80, "::/0")),
        Sg("pass_private_8443", Tcp(8443, "10.0.0.0/8")),
        Sg("pass_prefix_list_8443", Tcp(8443, "pl-0123456789abcdef0")),
        Sg("pass_icmp", Icmp(8, 0, "0.0.0.0/0")),
        Sg("pass_gre_47", Proto("47", "0.0.0.0/0")),
        Sg("pass_egress_8443", Tcp(8443, "0.0.0.0/0").Egress()),
    ];

    [Fact]
    public void Evaluate_WhenFixturesLoadedWithDefaultPorts_ShouldFailExactlyTheFailFixtures()
    {
        // Given the DG-SG-004 fixtures and the default authorized ports 80, 443
        // When
        var (failed, _) = Run("DG-SG-004", Fixtures);

        // Then
        failed.ShouldBe(Names(Fixtures, "fail_"));
    }

    [Fact]
    public void Evaluate_WhenPolicyFileAuthorizesPort_ShouldPassThatPort()
    {
        // Given 8443 authorized in the policy file
        var config = PolicyConfig.Default with { AuthorizedPorts = [443, 8443] };
        var groups = new[] { Sg("pass_port_8443", Tcp(8443, "0.0.0.0/0")), Sg("fail_port_80", Tcp(80, "0.0.0.0/0")) };

        // When
        var (failed, _) = Run("DG-SG-004", groups, config);

        // Then 8443 passes and 80, no longer listed, fails
        failed.ShouldBe(["fail_port_80"]);
    }

    [Fact]
    public void Evaluate_WhenRangeStraddlesAuthorizedPorts_ShouldNameTheFirstUnauthorizedPort()
    {
        // Given 80-443 from the world
        var group = Sg("fail_range_80_443", Tcp(80, 443, "0.0.0.0/0"));

        // When
        var finding = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings.Single(f => f.PolicyId == "DG-SG-004");

        // Then
        finding.Message.ShouldBe("ingress tcp/80-443 from 0.0.0.0/0 allows port 81 from the internet, which is not authorized (80, 443)");
        finding.Severity.ShouldBe(Severity.Medium);
    }
}
