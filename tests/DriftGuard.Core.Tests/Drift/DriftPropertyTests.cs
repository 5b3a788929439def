using System.Diagnostics;
using System.Globalization;
using CsCheck;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Live;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Drift;

public class DriftPropertyTests
{
    private static readonly string[] ProtocolSpellings = ["tcp", "6", "udp", "17", "icmp", "1", "58", "-1", "all", "47"];

    /// <summary>A raw live permission with one peer, spelled any way EC2 or a user might.</summary>
    private static readonly Gen<LivePermission> GenPermission =
        Gen.Select(Gen.Int[0, 4], Gen.Bool, Gen.Int[0, ProtocolSpellings.Length - 1], Gen.Int[0, 65535], Gen.Int[0, 200],
                   Gen.UInt, Gen.Int[0, 32], Gen.Int[0, 3])
           .Select((g, egress, p, port, span, address, prefix, peer) =>
           {
               var protocol = ProtocolSpellings[p];
               var icmp = protocol is "icmp" or "1" or "58";
               int? from = icmp ? port % 256 : port;
               int? to = icmp ? -1 : Math.Min(65535, port + span);
               var peerValue = peer switch
               {
                   0 => new LivePeer(LivePeerKind.Ipv4, $"{new System.Net.IPAddress(BitConverter.GetBytes(address))}/{prefix}", null),
                   1 => new LivePeer(LivePeerKind.Ipv6, $"2001:db8:{address % 65536:x}::{address % 7:x}/{prefix + 32}", null),
                   2 => new LivePeer(LivePeerKind.PrefixList, $"pl-{address % 5}", null),
                   _ => new LivePeer(LivePeerKind.Group, $"sg-{address % 5}", null),
               };
               return new LivePermission($"sg-{g}", egress ? Direction.Egress : Direction.Ingress, protocol, from, to, [peerValue]);
           });

    private static readonly Gen<IReadOnlyList<SecurityGroup>> GenLive =
        GenPermission.List[0, 40].Select(perms =>
        {
            var rules = perms.SelectMany(p => LiveRuleFactory.ToRules(p, "gen").Rules).ToList();
            return (IReadOnlyList<SecurityGroup>)Enumerable.Range(0, 5)
                .Select(i => LiveGroupFactory.Create($"sg-{i}", $"g{i}", null, "vpc-1", "111122223333", "us-east-1",
                                                     new Dictionary<string, string>(), rules.Where(r => r.Group == $"sg-{i}")))
                .ToList();
        });

    private static IReadOnlyList<SecurityGroup> AsDeclared(IReadOnlyList<SecurityGroup> live) =>
        [.. live.Select(g => g with { ResourceType = "aws_security_group", Key = $"aws_security_group.{g.Name}",
                                      Origin = new SourceLocation("main.tf.json", 1, $"aws_security_group.{g.Name}") })];

    [Fact]
    public void Analyze_WhenDeclaredEqualsLive_ShouldFindNoDrift()
    {
        GenLive.Sample(live =>
        {
            // Given declared groups that say exactly what is live
            // When
            var result = new DriftAnalyzer().Analyze(AsDeclared(live), live);
            // Then
            return result.Drifts.Count == 0;
        });
    }

    [Fact]
    public void ToRules_WhenGivenACanonicalRule_ShouldReturnItUnchanged()
    {
        GenPermission.Sample(permission =>
        {
            // Given a rule canonicalised once
            var once = LiveRuleFactory.ToRules(permission, "gen").Rules;
            // When it is canonicalised again from its own fields
            var twice = once.SelectMany(r => LiveRuleFactory.ToRules(ToPermission(r), "gen").Rules).ToList();
            // Then nothing changes
            return twice.SequenceEqual(once);
        });
    }

    [Fact]
    public void Analyze_WhenRulesAndGroupsAreReordered_ShouldGiveTheSameDrifts()
    {
        Gen.Select(GenLive, GenLive, Gen.Int).Sample((declaredSide, live, seed) =>
        {
            // Given two unrelated sides, and the same sides shuffled
            var declared = AsDeclared(declaredSide);
            var random = new Random(seed);
            IReadOnlyList<SecurityGroup> Shuffle(IReadOnlyList<SecurityGroup> groups) =>
                [.. groups.Select(g => g with { Rules = [.. g.Rules.OrderBy(_ => random.Next())] }).OrderBy(_ => random.Next())];
            // When
            var a = new DriftAnalyzer().Analyze(declared, live);
            var b = new DriftAnalyzer().Analyze(Shuffle(declared), Shuffle(live));
            // Then
            return a.Drifts.Select(d => (d.Fingerprint, d.Kind)).SequenceEqual(b.Drifts.Select(d => (d.Fingerprint, d.Kind)));
        });
    }

    private static LivePermission ToPermission(SgRule r) => new(r.Group, r.Direction, r.Protocol, r.FromPort, r.ToPort,
    [
        r.Source switch
        {
            Cidr { IsIpv6: true } c => new LivePeer(LivePeerKind.Ipv6, c.Block, r.Description),
            Cidr c => new LivePeer(LivePeerKind.Ipv4, c.Block, r.Description),
            PrefixList p => new LivePeer(LivePeerKind.PrefixList, p.Id, r.Description),
            GroupRef g => new LivePeer(LivePeerKind.Group, g.GroupId, r.Description),
            _ => throw new InvalidOperationException("live rules have known sources"),
        },
    ]);
}

public class DeclaredRuleRewriterPropertyTests
{
    private static readonly string[] References = ["self", "aws_security_group.lb", "${aws_security_group.lb.id}", "LbSecurityGroup", "bastion", "sg-peer", "123456789012/sg-x", "nowhere"];

    [Fact]
    public void Rewrite_WhenAppliedTwice_ShouldChangeNothingTheSecondTime()
    {
        // Given references to the own group, declared groups by address or logical id, a live name, ids and an unknown name
        var live = new LiveGroupIndex([
            LiveGroupFactory.Create("sg-own", "own", null, "vpc-1", null, null, new Dictionary<string, string>(), []),
            LiveGroupFactory.Create("sg-b", "bastion", null, "vpc-1", null, null, new Dictionary<string, string>(), []),
        ]);
        var rewriter = new DeclaredRuleRewriter(
            new Dictionary<string, string> { ["aws_security_group.lb"] = "sg-lb", ["LbSecurityGroup"] = "sg-lb" }, live);
        Gen.Select(Gen.Int[0, References.Length - 1], Gen.Int[0, 65535], Gen.Bool).Sample((i, port, egress) =>
        {
            var rule = new SgRule("aws_security_group.own", egress ? Direction.Egress : Direction.Ingress, "tcp", port, port, new GroupRef(References[i]));
            // When
            var once = rewriter.Rewrite(rule, "sg-own", "vpc-1", out _);
            var twice = rewriter.Rewrite(once, "sg-own", "vpc-1", out _);
            // Then
            return twice == once && once.Group == "sg-own";
        });
    }
}
