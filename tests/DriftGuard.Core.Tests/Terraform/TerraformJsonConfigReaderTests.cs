using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.Terraform.TerraformFixtures;

namespace DriftGuard.Core.Tests.Terraform;

public class TerraformJsonConfigReaderTests
{
    [Fact]
    public void Read_WhenIngressIsOneObject_ShouldReadItAsOneBlock()
    {
        // Given an ingress written as a single block object, with "//" comments
        var json = """
            { "//": "generated", "resource": { "aws_security_group": { "web": { "//": { "metadata": { "path": "x" } },
              "ingress": { "//": "ssh", "protocol": "tcp", "from_port": "22", "to_port": "22", "cidr_blocks": ["0.0.0.0/0"] } } } } }
            """;

        // When read
        var doc = ReadTfJson(json);

        // Then it is one rule and the comments are ignored
        doc.Errors.ShouldBeEmpty();
        doc.Groups.Single().Rules.Single().ToString().ShouldBe("aws_security_group.web ingress tcp/22 0.0.0.0/0");
    }

    [Fact]
    public void Read_WhenValuesAreInterpolated_ShouldKeepThemUnknown()
    {
        // Given a block whose CIDR list, one CIDR and the port come from ${...}
        var json = """
            { "resource": { "aws_security_group": { "web": { "ingress": [
              { "protocol": "tcp", "from_port": "${var.port}", "to_port": "${var.port}", "cidr_blocks": ["${var.office}"] },
              { "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": "${var.cidrs}" } ] } } } }
            """;

        // When read
        var rules = ReadTfJson(json).Groups.Single().Rules;

        // Then the peers are unknown CIDRs (never empty) and the first rule's ports are unknown
        rules.Count.ShouldBe(2);
        rules.ShouldAllBe(r => r.Source is UnknownSource);
        rules.Count(r => r.PortsUnknown).ShouldBe(1);
        ((UnknownSource)rules.First().Source).Expression.ShouldBe("${var.office}");
    }

    [Fact]
    public void Read_WhenRuleReferencesGroupId_ShouldAttachToThatGroup()
    {
        // Given a group and a vpc ingress rule naming it by ${aws_security_group.web.id}
        var json = """
            { "resource": {
              "aws_security_group": { "web": { "name": "web" } },
              "aws_vpc_security_group_ingress_rule": { "https": { "security_group_id": "${aws_security_group.web.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0" } } } }
            """;

        // When read
        var group = ReadTfJson(json).Groups.ShouldHaveSingleItem();

        // Then the rule is on the group and the group is standalone-style
        group.Rules.Single().ToString().ShouldBe("aws_security_group.web ingress tcp/443 0.0.0.0/0");
        group.Style.ShouldBe(RuleStyle.Standalone);
    }

    [Fact]
    public void Read_WhenRuleTargetsUnresolvableExpression_ShouldUsePlaceholderGroup()
    {
        // Given a rule whose group comes from a variable
        var json = """
            { "resource": { "aws_security_group_rule": { "r": { "type": "egress", "security_group_id": "${var.sg}", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"] } } } }
            """;

        // When read
        var group = ReadTfJson(json).Groups.ShouldHaveSingleItem();

        // Then the placeholder is keyed by the expression
        group.Key.ShouldBe("${var.sg}");
        group.Rules.Single().Direction.ShouldBe(Direction.Egress);
    }

    [Fact]
    public void Read_WhenCdktfWritesNullLists_ShouldTreatThemAsEmpty()
    {
        // Given CDKTF style nulls for empty lists and self
        var json = """
            { "resource": { "aws_security_group": { "g": { "egress": [ { "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": null, "prefix_list_ids": null, "security_groups": null, "self": null } ] } } } }
            """;

        // When read
        var doc = ReadTfJson(json);

        // Then the rule reads cleanly
        doc.Ok.ShouldBeTrue();
        doc.Groups.Single().Rules.Single().ToString().ShouldBe("aws_security_group.g egress all 0.0.0.0/0");
    }
}
