using DriftGuard.Core.Declared.Terraform;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Terraform;

/// <summary>
/// The Terraform inputs of ../shared/cases/bugs: each must give exactly the atomic rules that the case's
/// case.md / expected.md describe (EC2's reading of the rule, not the text as written).
/// </summary>
public class TerraformBugCasesTests
{
    private static DeclaredDocument Read(string bugCase)
    {
        var dir = TerraformFixtures.Case("bugs", bugCase);
        var plan = Path.Combine(dir, "declared.plan.json");
        return File.Exists(plan)
            ? new TerraformPlanReader().Read(plan, "declared.plan.json", TerraformFixtures.Options)
            : new TerraformStateReader().Read(Path.Combine(dir, "declared.tfstate"), "declared.tfstate", TerraformFixtures.Options);
    }

    private static string[] Rules(DeclaredDocument doc) => [.. doc.Groups.SelectMany(g => g.Rules).Select(r => r.ToString())];

    [Fact]
    public void Read_WhenInlineRulesInState_ShouldYieldOneAtomicRulePerPeer()
    {
        // Given case 01: inline ingress TLS and one egress block with an IPv4 and an IPv6 range
        // When read
        var doc = Read("01-inline-rules-reported-unmanaged");

        // Then the egress block is two atomic rules and the group is inline-style
        doc.Errors.ShouldBeEmpty();
        Rules(doc).ShouldBe([
            "aws_security_group.allow_tls ingress tcp/443 10.0.0.0/16",
            "aws_security_group.allow_tls egress all 0.0.0.0/0",
            "aws_security_group.allow_tls egress all ::/0",
        ], ignoreOrder: true);
        doc.Groups.Single().Style.ShouldBe(RuleStyle.Inline);
        doc.Groups.Single().GroupId.ShouldBe("sg-0c1a0000000000001");
    }

    [Fact]
    public void Read_WhenSelfRulesAreStandalone_ShouldAttachThemToTheGroupAsSelfPeers()
    {
        // Given case 02: two aws_security_group_rule with self = true targeting the group by id
        // When read
        var doc = Read("02-self-reference-vs-source-sg-id");

        // Then both rules land on the group with the self peer, next to its inline egress
        doc.Errors.ShouldBeEmpty();
        Rules(doc).ShouldBe([
            "aws_security_group.nodes egress all 0.0.0.0/0",
            "aws_security_group.nodes ingress icmp type all code all self",
            "aws_security_group.nodes ingress tcp/0-65535 self",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Read_WhenProtocolMinusOneHasPorts_ShouldOpenAllPortsAndWarnTwice()
    {
        // Given case 04: two protocol -1 rules written with ports 8080
        // When read
        var doc = Read("04-protocol-minus1-with-ports");

        // Then the ports are dropped (all traffic), each rule warns, and the target group is a placeholder keyed by its id
        doc.Errors.ShouldBeEmpty();
        Rules(doc).ShouldBe([
            "sg-0d2dce56a9ae74b01 egress all sg-05d20887cf5fce2ef",
            "sg-0d2dce56a9ae74b01 ingress all 0.0.0.0/0",
        ], ignoreOrder: true);
        doc.Warnings.Count(w => w.Message.Contains("ports ignored for protocol -1")).ShouldBe(2);
        doc.Groups.Single().GroupId.ShouldBe("sg-0d2dce56a9ae74b01");
    }

    [Fact]
    public void Read_WhenTcpAndUdpPortsAreZero_ShouldKeepPortZeroAndWarnTwice()
    {
        // Given case 05: udp 0-0 and tcp 0-0 standalone rules
        // When read
        var doc = Read("05-tcp-udp-port-0-is-not-all-ports");

        // Then they mean port 0 only, with a warning each
        Rules(doc).ShouldBe([
            "aws_security_group.instance_access egress udp/0 10.0.0.0/8",
            "aws_security_group.instance_access ingress tcp/0 0.0.0.0/0",
        ], ignoreOrder: true);
        doc.Warnings.Count(w => w.Message.Contains("0-0 allows only port 0")).ShouldBe(2);
    }

    [Fact]
    public void Read_WhenIcmpPortsAreTypeAndCode_ShouldKeepTypeAndCode()
    {
        // Given case 09: ICMP 8/8, 8/-1 and 3/-1
        // When read
        var doc = Read("09-icmp-type-code-not-ports");

        // Then from/to are ICMP type/code, and 8/8 warns
        Rules(doc).ShouldBe([
            "sg-0c3f1e2d4b5a69009 egress icmp type 8 code 8 10.0.0.0/8",
            "sg-0c3f1e2d4b5a69009 ingress icmp type 8 code all 0.0.0.0/0",
            "sg-0c3f1e2d4b5a69009 ingress icmp type 3 code all 0.0.0.0/0",
        ], ignoreOrder: true);
        doc.Warnings.ShouldContain(w => w.Message.Contains("type 8 code 8"));
    }

    [Fact]
    public void Read_WhenRulesAreSeparateResources_ShouldDeclareOnlyTheStandaloneRule()
    {
        // Given case 10: the group has no inline rules, one standalone SSH rule from the bastion group
        // When read
        var doc = Read("10-rule-added-outside-iac");

        // Then the group's declared rules are exactly that rule, so a console rule will be unmanaged
        Rules(doc).ShouldBe(["aws_security_group.vault ingress tcp/22 sg-0b45710400000c010"]);
        doc.Groups.Single().Style.ShouldBe(RuleStyle.Standalone);
    }

    [Fact]
    public void Read_WhenAttributeListAndStandaloneMinusOneRules_ShouldFindAllThreeWorldRules()
    {
        // Given case 12: ingress = [...] with -1 0-65535, and two standalone rules whose group id is unknown in the plan
        // When read
        var doc = Read("12-attribute-list-and-minus1-rule-missed");

        // Then all three rules are read, the standalone ones attached through configuration references
        doc.Errors.ShouldBeEmpty();
        Rules(doc).ShouldBe([
            "aws_security_group.inline_rules ingress all 0.0.0.0/0",
            "aws_security_group.separate_rules ingress tcp/22 0.0.0.0/0",
            "aws_security_group.separate_rules ingress all 0.0.0.0/0",
        ], ignoreOrder: true);
        doc.Groups.Single(g => g.Key == "aws_security_group.separate_rules").Style.ShouldBe(RuleStyle.Standalone);
    }

    [Fact]
    public void Read_WhenIpv6WorldRules_ShouldKeepBothFamiliesAsSeparateRules()
    {
        // Given case 15: inline egress to both worlds, standalone 443 from both, SSH from ::/0 only
        // When read
        var doc = Read("15-ipv6-world-open-missed");

        // Then five atomic rules, the inline ones and the standalone ones on the same group
        Rules(doc).ShouldBe([
            "aws_security_group.web egress all 0.0.0.0/0",
            "aws_security_group.web egress all ::/0",
            "aws_security_group.web ingress tcp/443 0.0.0.0/0",
            "aws_security_group.web ingress tcp/443 ::/0",
            "aws_security_group.web ingress tcp/22 ::/0",
        ], ignoreOrder: true);
        doc.Groups.Single().Style.ShouldBe(RuleStyle.Mixed);
        doc.Warnings.ShouldContain(w => w.Message.Contains("fight"));
    }

    [Fact]
    public void Read_WhenSpecificPublicCidrsAndVpcIngressRule_ShouldKeepEachCidr()
    {
        // Given case 17: two /32 partner addresses and an aws_vpc_security_group_ingress_rule with a /29
        // When read
        var doc = Read("17-specific-public-ips-are-not-the-world");

        // Then each CIDR is its own rule and none is the world
        Rules(doc).ShouldBe([
            "aws_security_group.partner ingress tcp/22 198.51.100.4/32",
            "aws_security_group.partner ingress tcp/22 203.0.113.7/32",
            "aws_security_group.partner ingress tcp/5432 203.0.113.96/29",
        ], ignoreOrder: true);
        doc.Groups.SelectMany(g => g.Rules).ShouldAllBe(r => !r.IsFromWorld);
    }

    [Fact]
    public void Read_WhenVpcRuleUsesPrefixList_ShouldYieldPrefixListPeerWithDescription()
    {
        // Given case 21: aws_vpc_security_group_ingress_rule, ip_protocol "-1", prefix_list_id, a description
        // When read
        var doc = Read("21-prefix-list-with-description");

        // Then one all-traffic rule from the prefix list, description kept apart from identity
        var rule = doc.Groups.Single().Rules.ShouldHaveSingleItem();
        rule.ToString().ShouldBe("aws_security_group.corp_access ingress all pl-0bb6fa005053d29a9");
        rule.Source.ShouldBeOfType<PrefixList>();
        rule.Description.ShouldBe("corporate offices");
    }

    [Fact]
    public void Read_WhenIpv6WorldWrittenLongForm_ShouldCanonicaliseIt()
    {
        // Given case 26: ingress SSH from 0:0:0:0:0:0:0:0/0 among several ingress blocks
        // When read
        var doc = Read("26-ipv6-any-written-long-form");

        // Then the long form becomes ::/0, the world
        Rules(doc).ShouldBe([
            "aws_security_group.bastion ingress tcp/80 0.0.0.0/0",
            "aws_security_group.bastion ingress tcp/22 ::/0",
            "aws_security_group.bastion egress all 0.0.0.0/0",
        ], ignoreOrder: true);
        doc.Groups.Single().Rules.Single(r => r.FromPort == 22).IsFromWorld.ShouldBeTrue();
    }
}
