using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using DriftGuard.Core.Policy.Rules;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class NoHighRiskPortsFromInternetTests
{
    private static readonly SecurityGroup[] Fixtures =
    [
        Sg("fail_cidr_22", Tcp(22, "0.0.0.0/0")),
        Sg("fail_mysql_3306", Tcp(3306, "0.0.0.0/0")),
        Sg("fail_smb_445_ipv6", Tcp(445, "::/0")),
        Sg("fail_udp_1434", Udp(1434, "0.0.0.0/0")),
        Sg("fail_range_9000_9300", Tcp(9000, 9300, "0.0.0.0/0")),
        Sg("fail_all_protocols", All("0.0.0.0/0")),
        Sg("pass_port_443", Tcp(443, "0.0.0.0/0")),
        Sg("pass_port_8443", Tcp(8443, "0.0.0.0/0")),
        Sg("pass_range_26_109", Tcp(26, 109, "0.0.0.0/0")),
        Sg("pass_private_mysql", Tcp(3306, "172.16.0.0/12")),
        Sg("pass_icmp", Icmp(8, 0, "0.0.0.0/0")),
        Sg("pass_gre_47", Proto("47", "0.0.0.0/0")),
        Sg("pass_tcp_0_0", Tcp(0, 0, "0.0.0.0/0")),
        Sg("pass_self_3306", Tcp(3306, "self")),
    ];

    [Fact]
    public void Evaluate_WhenFixturesLoaded_ShouldFailExactlyTheFailFixtures()
    {
        // Given the DG-SG-003 fixtures
        // When
        var (failed, _) = Run("DG-SG-003", Fixtures);

        // Then
        failed.ShouldBe(Names(Fixtures, "fail_"));
    }

    [Theory]
    [MemberData(nameof(HighRiskPorts))]
    public void Evaluate_WhenEachSecurityHubHighRiskPortIsOpen_ShouldFail(int port)
    {
        // Given one world-open tcp rule on a Security Hub EC2.19 port
        var group = Sg($"fail_port_{port}", Tcp(port, "0.0.0.0/0"));

        // When
        var (failed, _) = Run("DG-SG-003", [group]);

        // Then
        failed.ShouldBe([$"fail_port_{port}"]);
    }

    public static TheoryData<int> HighRiskPorts() => [.. NoHighRiskPortsFromInternet.HighRiskPorts];

    [Fact]
    public void Evaluate_WhenRangeCoversSeveralHighRiskPorts_ShouldListThemInTheMessage()
    {
        // Given
        var group = Sg("fail_range_20_25", Tcp(20, 25, "0.0.0.0/0"));

        // When
        var finding = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings.Single(f => f.PolicyId == "DG-SG-003");

        // Then
        finding.Message.ShouldBe("ingress tcp/20-25 from 0.0.0.0/0 allows high-risk ports 20, 21, 22, 23, 25 from the internet");
        finding.Severity.ShouldBe(Severity.High);
    }
}
