using CsCheck;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Remediation;
using static DriftGuard.Core.Tests.Remediation.Fixture;

namespace DriftGuard.Core.Tests.Remediation;

public class RemediationPlanPropertyTests
{
    private static readonly Gen<SgRule> RuleGen =
        Gen.Select(Gen.Bool, Gen.OneOfConst(22, 80, 443, 5432), Gen.OneOfConst("10.0.0.0/8", "0.0.0.0/0", "::/0", "pl-1234", "sg-2"),
                   Gen.OneOfConst<string?>(null, "a", "b"))
           .Select((egress, port, peer, desc) => new SgRule("x", egress ? Direction.Egress : Direction.Ingress, "tcp", port, port,
               Tests.Drift.Declare.Source(peer)) { Description = desc });

    /// <summary>What EC2 holds after the plan's steps: revoked ids gone, authorized rules added, descriptions set.</summary>
    private static SecurityGroup Apply(SecurityGroup live, GroupRemediation? plan)
    {
        if (plan is null) return live;
        var revoked = plan.Of(RemediationActionKind.Revoke).Select(s => s.Rule.RuleId).ToHashSet();
        var described = plan.Of(RemediationActionKind.UpdateDescription).ToDictionary(s => s.Rule.RuleId!, s => s.Rule.Description);
        var rules = live.Rules.Where(r => !revoked.Contains(r.RuleId))
            .Select(r => described.TryGetValue(r.RuleId!, out var d) ? r with { Description = d } : r)
            .Concat(plan.Of(RemediationActionKind.Authorize).Select((s, i) => s.Rule with { RuleId = $"sgr-new{i}", Origin = null }))
            .ToList();
        return live with { Rules = rules };
    }

    [Fact]
    public void Plan_WhenScopeAllIsAppliedToAnyPair_ShouldLeaveNoRuleDriftInManagedGroups()
    {
        Gen.Select(RuleGen.Array[0, 6], RuleGen.Array[0, 6], RuleGen.Array[0, 3]).Sample((declaredRules, liveRules, strayRules) =>
        {
            // Given: one declared group, its live twin, and a live group nobody declares
            var declared = DeclaredSg("sg-1", declaredRules);
            var live = new[] { LiveGroup("sg-1", liveRules), LiveGroup("sg-9", strayRules) };
            // When
            var plan = Plan([declared], live, RemediationScope.All, maxChanges: 1000);
            var after = live.Select(g => Apply(g, plan.Groups.FirstOrDefault(p => p.GroupId == g.GroupId))).ToList();
            // Then
            plan.Groups.ShouldAllBe(g => g.GroupId == "sg-1");
            after[1].ShouldBeSameAs(live[1]);
            Analyze([declared], after).Drifts.Where(d => d.GroupId == "sg-1").ShouldBeEmpty();
        }, iter: 200);
    }
}
