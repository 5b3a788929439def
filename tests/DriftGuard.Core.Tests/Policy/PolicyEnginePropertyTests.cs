using CsCheck;
using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class PolicyEnginePropertyTests
{
    private static readonly string[] Sources =
        ["0.0.0.0/0", "::/0", "10.0.0.0/8", "203.0.113.10/32", "self", "sg-0abc", "pl-0abc", "unknown:cidr", "unknown:group", "198.51.100.0/24"];

    private static readonly string[] NonWorldSources = ["10.0.0.0/8", "203.0.113.10/32", "self", "sg-0abc", "pl-0abc", "unknown:group"];

    private static Gen<SgRule> GenRule(string[] sources) =>
        Gen.Select(
            Gen.OneOfConst(Protocols.Tcp, Protocols.Udp, Protocols.All, Protocols.Icmp, "47"),
            Gen.Int[0, 65535], Gen.Int[0, 200], Gen.OneOfConst(sources), Gen.Bool,
            (protocol, from, width, source, egress) => protocol switch
            {
                Protocols.Tcp or Protocols.Udp => Rule(protocol, from, Math.Min(65535, from + width), source),
                Protocols.Icmp => Rule(protocol, from % 256, -1, source),
                _ => Rule(protocol, null, null, source),
            } with { Direction = egress ? Direction.Egress : Direction.Ingress });

    private static readonly Gen<SecurityGroup> GenGroup =
        Gen.Select(GenRule(Sources).Array[0, 8], Gen.Bool, (rules, isDefault) =>
            new SecurityGroup("g") { IsDefault = isDefault, Rules = [.. rules.Select((r, i) => r with { Group = "g", Origin = new SourceLocation("p.tf", i + 1, "g") })] });

    private static readonly PolicyConfig Config = PolicyConfig.Default with { ForbiddenCidrs = [Cidr.Parse("198.51.100.0/24")] };

    private static string[] Project(SecurityGroup g) =>
        [.. new PolicyEngine(Config, Today).Evaluate([g]).Findings.Select(f => $"{f.PolicyId} {f.Rule} {f.Severity} {f.Message}").Order(StringComparer.Ordinal)];

    [Fact]
    public void Evaluate_WhenRulesAreReordered_ShouldGiveTheSameFindings()
    {
        // Given any group and a shuffle of its rules
        Gen.Select(GenGroup, Gen.Int).Sample((group, seed) =>
        {
            var shuffled = group with { Rules = [.. group.Rules.OrderBy(_ => new Random(seed).Next())] };

            // When / Then
            return Project(group).SequenceEqual(Project(shuffled));
        });
    }

    [Fact]
    public void Evaluate_WhenNonWorldRulesAreDuplicated_ShouldGiveTheSameFindings()
    {
        // Given any group, with each of its non-world rules written twice
        GenGroup.Sample(group =>
        {
            var doubled = group with { Rules = [.. group.Rules, .. group.Rules.Where(r => !r.IsFromWorld)] };

            // When / Then
            return Project(group).SequenceEqual(Project(doubled));
        });
    }

    [Fact]
    public void Evaluate_WhenHarmlessRulesAreAddedToANonDefaultGroup_ShouldKeepEveryWorldFinding()
    {
        // Given any non-default group, plus private, self, group and prefix-list rules beside it
        Gen.Select(GenGroup, GenRule(NonWorldSources).Array[1, 6]).Sample((group, extra) =>
        {
            var plain = group with { IsDefault = false };
            var crowded = plain with { Rules = [.. extra.Select(r => r with { Group = "g", Origin = new SourceLocation("p.tf", 99, "g") }), .. plain.Rules] };

            // When / Then: no rule beside a world-open rule hides it
            return !Project(plain).Except(Project(crowded)).Any();
        });
    }
}
