using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class UnresolvedPeerMayBeInternetTests
{
    private static readonly SecurityGroup[] Fixtures =
    [
        Sg("fail_unknown_cidr_22", Tcp(22, "unknown:cidr")),
        Sg("fail_unknown_ipv6_3389", Tcp(3389, "unknown:ipv6")),
        Sg("fail_unknown_prefix_list_all", All("unknown:prefix-list")),
        Sg("fail_unknown_cidr_8443", Tcp(8443, "unknown:cidr")),
        Sg("pass_unknown_cidr_443", Tcp(443, "unknown:cidr")),
        Sg("pass_unknown_group_22", Tcp(22, "unknown:group")),
        Sg("pass_unknown_group_all", All("unknown:group")),
        Sg("pass_unknown_cidr_icmp", Icmp(8, 0, "unknown:cidr")),
        Sg("pass_unknown_cidr_egress_22", Tcp(22, "unknown:cidr").Egress()),
        Sg("pass_known_world_22", Tcp(22, "0.0.0.0/0")),
    ];

    [Fact]
    public void Evaluate_WhenFixturesLoaded_ShouldFailExactlyTheFailFixtures()
    {
        // Given the DG-SG-006 fixtures
        // When
        var (failed, _) = Run("DG-SG-006", Fixtures);

        // Then unknown CIDR/IPv6/prefix-list peers that would fail a world policy are reported; unknown groups never
        failed.ShouldBe(Names(Fixtures, "fail_"));
    }

    [Fact]
    public void Evaluate_WhenUnknownCidrOnSsh_ShouldNameThePoliciesItWouldFail()
    {
        // Given
        var group = Sg("fail_unknown_cidr_22", Tcp(22, "unknown:cidr"));

        // When
        var findings = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings;

        // Then one medium DG-SG-006 finding, and no world finding is claimed as fact
        var finding = findings.ShouldHaveSingleItem();
        finding.PolicyId.ShouldBe("DG-SG-006");
        finding.Severity.ShouldBe(Severity.Medium);
        finding.Message.ShouldBe("ingress tcp/22 from unknown: cidr 'var.cidr_peer' is unknown until apply; if it is the internet this rule fails DG-SG-001, DG-SG-003, DG-SG-004");
    }

    [Fact]
    public void Evaluate_WhenTheOnlyPolicyItWouldFailIsDisabled_ShouldNotReport()
    {
        // Given 8443 behind an unknown CIDR would only fail DG-SG-004, which the policy file disables
        var config = PolicyConfig.Default with { Policies = new Dictionary<string, PolicyOverride> { ["DG-SG-004"] = new(Enabled: false) } };

        // When
        var (failed, _) = Run("DG-SG-006", [Sg("pass_unknown_cidr_8443", Tcp(8443, "unknown:cidr"))], config);

        // Then
        failed.ShouldBeEmpty();
    }
}
