using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class DefaultGroupHasNoRulesTests
{
    private static readonly SecurityGroup[] Fixtures =
    [
        DefaultSg("fail_default_self_ingress", Tcp(0, 65535, "self")),
        DefaultSg("fail_default_egress_all", All("0.0.0.0/0").Egress()),
        DefaultSg("fail_default_private_ssh", Tcp(22, "10.0.0.0/8")),
        DefaultSg("pass_default_empty"),
        Sg("pass_custom_group_with_rules", Tcp(443, "0.0.0.0/0"), All("0.0.0.0/0").Egress()),
    ];

    [Fact]
    public void Evaluate_WhenFixturesLoaded_ShouldFailExactlyTheFailFixtures()
    {
        // Given the DG-SG-005 fixtures
        // When
        var (failed, _) = Run("DG-SG-005", Fixtures);

        // Then any rule on a default group fails, whichever direction or peer
        failed.ShouldBe(Names(Fixtures, "fail_"));
    }

    [Fact]
    public void Evaluate_WhenDefaultGroupHasTwoRules_ShouldReportEachRule()
    {
        // Given a default group with the rules AWS creates
        var group = DefaultSg("fail_default_as_created", All("self"), All("0.0.0.0/0").Egress());

        // When
        var findings = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings.Where(f => f.PolicyId == "DG-SG-005").ToList();

        // Then each atomic rule is its own finding
        findings.Select(f => f.Rule!.Direction).ShouldBe([Direction.Ingress, Direction.Egress], ignoreOrder: true);
    }
}
