using System.Text;
using CsCheck;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.Terraform.TerraformFixtures;

namespace DriftGuard.Core.Tests.Terraform;

public class TerraformPlanPropertyTests
{
    private sealed record GenRule(string Protocol, int From, int To, string[] Cidrs, bool Self);

    private static readonly Gen<GenRule> RuleGen =
        Gen.Select(Gen.OneOfConst("tcp", "udp", "-1", "6", "icmp"), Gen.Int[0, 65535], Gen.Int[0, 2000],
                   Gen.Select(Gen.Int[0, 255], Gen.Int[0, 255], Gen.Int[0, 32], (a, b, p) => $"{a}.{b}.0.0/{p}").Array[0, 3], Gen.Bool,
                   (proto, from, span, cidrs, self) => new GenRule(proto, proto == "icmp" ? from % 256 : from,
                       proto == "icmp" ? -1 : Math.Min(65535, from + span), cidrs, self));

    private static readonly Gen<GenRule[][]> PlanGen = RuleGen.Array[0, 6].Array[1, 8];

    private static string ToPlan(GenRule[][] groups)
    {
        var sb = new StringBuilder();
        for (var g = 0; g < groups.Length; g++)
        {
            if (g > 0) sb.Append(',');
            var blocks = string.Join(",", groups[g].Select(r =>
                $$"""{ "protocol": "{{r.Protocol}}", "from_port": {{r.From}}, "to_port": {{r.To}}, "cidr_blocks": [{{string.Join(",", r.Cidrs.Select(c => $"\"{c}\""))}}], "self": {{(r.Self ? "true" : "false")}} }"""));
            sb.Append(PlannedGroup($"g{g}", $"[{blocks}]"));
        }
        return Plan(sb.ToString());
    }

    private static HashSet<string> RuleSet(DeclaredDocument doc) =>
        [.. doc.Groups.SelectMany(g => g.Rules).Select(r => $"{r.Key} {r.Description} {r.Origin}")];

    [Fact]
    public void Read_WhenSamePlanReadTwice_ShouldYieldEqualRuleSets()
    {
        // Given any generated plan
        PlanGen.Sample(groups =>
        {
            var json = ToPlan(groups);

            // When it is read twice
            var first = ReadPlan(json);
            var second = ReadPlan(json);

            // Then both reads give the same rules, errors and warnings
            RuleSet(second).SetEquals(RuleSet(first)).ShouldBeTrue();
            second.Errors.ShouldBe(first.Errors);
            second.Warnings.ShouldBe(first.Warnings);
        }, iter: 200);
    }

    [Fact]
    public void Read_WhenGeneratedPlan_ShouldYieldOneRulePerDistinctPeerAndNeverThrow()
    {
        // Given any generated plan
        PlanGen.Sample(groups =>
        {
            // When read
            var doc = ReadPlan(ToPlan(groups));

            // Then every group is found, and each group holds one atomic rule per distinct (protocol, ports, peer)
            doc.Groups.Count.ShouldBe(groups.Length);
            for (var g = 0; g < groups.Length; g++)
            {
                var expected = groups[g]
                    .SelectMany(r => r.Cidrs.Select(c => (RuleSource)Cidr.Parse(c)).Concat(r.Self ? [new GroupRef(GroupRef.Self)] : [])
                        .Select(s => (Protocols.Canonical(r.Protocol), Protocols.Canonical(r.Protocol) == Protocols.All ? (int?)null : r.From,
                                      Protocols.Canonical(r.Protocol) == Protocols.All ? (int?)null : r.To, s)))
                    .ToHashSet();
                doc.Groups.Single(x => x.Key == $"aws_security_group.g{g}").Rules
                    .Select(r => (r.Protocol, r.FromPort, r.ToPort, r.Source)).ToHashSet().SetEquals(expected).ShouldBeTrue();
            }
        }, iter: 200);
    }
}
