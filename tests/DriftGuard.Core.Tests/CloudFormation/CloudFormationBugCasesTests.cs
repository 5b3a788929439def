using DriftGuard.Core.Declared.CloudFormation;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.CloudFormation.CfnTestSupport;

namespace DriftGuard.Core.Tests.CloudFormation;

/// <summary>Bug cases from ../shared/cases/bugs whose declared side is CloudFormation (see each case.md).</summary>
public sealed class CloudFormationBugCasesTests
{
    [Fact]
    public void Read_WhenProtocolsWrittenAsNumbers_ShouldCanonicaliseAsEc2Does()
    {
        // Given case 07: IpProtocol 6 (integer), "17", 1, "58" and "47"
        // When read
        var doc = ReadCase("bugs/07-protocol-number-vs-name/declared.yaml");

        // Then 6/17/1/58 become names, 47 stays a number without ports, and SSH is open to the world
        doc.Errors.ShouldBeEmpty();
        doc.Group("MixedProtocols").RuleTexts().ShouldBe(
        [
            "ingress 47 --- 10.0.0.0/8",
            "ingress icmp 8--1 10.0.0.0/8",
            "ingress icmpv6 -1--1 fd00::/8",
            "ingress tcp 22-22 0.0.0.0/0",
            "ingress udp 53-53 10.0.0.0/8",
        ]);
    }

    [Fact]
    public void Read_WhenGroupHasNoSecurityGroupEgress_ShouldKeepDefaultEgress()
    {
        // Given case 07's group without SecurityGroupEgress
        // When read
        var group = ReadCase("bugs/07-protocol-number-vs-name/declared.yaml").Group("MixedProtocols");

        // Then EC2's default allow-all egress is expected (not declared away)
        group.EgressDeclared.ShouldBeFalse();
        group.Egress.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("SecurityGroupEgress: []", false)]
    [InlineData("SecurityGroupEgress:\n        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }", true)]
    public void Read_WhenSecurityGroupEgressIsEmptyOrSet_ShouldKeepTheDefaultEgressOnlyWhenNoRuleIsSet(string egress, bool declared)
    {
        // Given a group whose SecurityGroupEgress is an empty list (CloudFormation then keeps EC2's allow-all egress) or a rule
        var template = $"""
            Resources:
              Db:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: db
                  VpcId: vpc-1
                  {egress}
            """;
        // When read
        var group = ReadText(template).Group("Db");
        // Then only a rule of its own takes the default egress away
        group.EgressDeclared.ShouldBe(declared);
    }

    [Fact]
    public void Read_WhenPortsAreQuotedStrings_ShouldReadThemAsNumbers()
    {
        // Given case 13: FromPort '22' / ToPort "22" and '3380'-'3390'
        // When read
        var group = ReadCase("bugs/13-cfn-quoted-port-strings/declared.yaml").Group("DemoSecurityGroup");

        // Then the port ranges are numeric and cover 22 and 3389
        group.RuleTexts().ShouldBe(["ingress tcp 22-22 0.0.0.0/0", "ingress tcp 3380-3390 0.0.0.0/0"]);
        group.Rules.ShouldContain(r => r.CoversPort(3389) && r.IsFromWorld);
    }

    [Fact]
    public void Read_WhenIcmpByNumberWithoutPorts_ShouldReportExactlyOneValidationError()
    {
        // Given case 19: IpProtocol 1 with no FromPort/ToPort, plus a valid SSH rule from 10.20.0.0/16
        // When read
        var doc = ReadCase("bugs/19-cfn-icmp-by-number-without-ports/declared.yaml");

        // Then exactly one error names the resource and the rule's line, and the other rule is read normally
        var error = doc.Errors.ShouldHaveSingleItem();
        (error.Line, error.Resource).ShouldBe((10, "IngressRule"));
        error.Message.ShouldContain("requires FromPort and ToPort");
        doc.Group("IngressRule").RuleTexts().ShouldBe(["ingress tcp 22-22 10.20.0.0/16"]);
    }

    [Fact]
    public void Read_WhenStandaloneIngressTargetsDeclaredGroup_ShouldUnionItWithInlineRules()
    {
        // Given case 22: inline rules on AppSecurityGroup plus AWS::EC2::SecurityGroupIngress AppFromLb targeting it
        // When read
        var doc = ReadCase("bugs/22-cfn-standalone-ingress-not-drift/declared.yaml");

        // Then the group holds the union, the standalone rule's peer is the LB group's logical id
        var app = doc.Group("AppSecurityGroup");
        app.Style.ShouldBe(RuleStyle.Mixed);
        app.RuleTexts().ShouldBe(["egress tcp 443-443 0.0.0.0/0", "ingress tcp 443-443 10.0.0.0/8", "ingress tcp 8080-8080 group:LbSecurityGroup"]);
        app.Rules.Single(r => r.FromPort == 8080).Origin.ShouldBe(new SourceLocation("declared.yaml", 24, "AppFromLb"));
    }

    [Fact]
    public void Read_WhenOnlyOneGroupDeclaresEgress_ShouldMarkEgressDeclaredPerGroup()
    {
        // Given case 22: AppSecurityGroup with SecurityGroupEgress, LbSecurityGroup without
        // When read
        var doc = ReadCase("bugs/22-cfn-standalone-ingress-not-drift/declared.yaml");

        // Then only the App group drops EC2's default egress
        doc.Group("AppSecurityGroup").EgressDeclared.ShouldBeTrue();
        doc.Group("LbSecurityGroup").EgressDeclared.ShouldBeFalse();
        doc.Group("LbSecurityGroup").Rules.ShouldBeEmpty();
    }

    [Fact]
    public void Read_WhenDescriptionSubsAGroup_ShouldKeepPlaceholderForThePhysicalId()
    {
        // Given case 22: Description: !Sub "from ${LbSecurityGroup}"
        // When read, and the drift stage substitutes the stack's physical ids
        var rule = ReadCase("bugs/22-cfn-standalone-ingress-not-drift/declared.yaml").Group("AppSecurityGroup").Rules.Single(r => r.FromPort == 8080);
        var live = CloudFormationSubstitution.ApplyPhysicalIds(rule.Description!, new Dictionary<string, string> { ["LbSecurityGroup"] = "sg-0bbb333344445022b" });

        // Then the description matches what EC2 holds
        rule.Description.ShouldBe("from ${LbSecurityGroup}");
        live.ShouldBe("from sg-0bbb333344445022b");
    }

    [Fact]
    public void Read_WhenSourceSecurityGroupNameRefsOwnGroup_ShouldReferenceTheGroupByLogicalId()
    {
        // Given case 24: standalone ingress with GroupName: !Ref G and SourceSecurityGroupName: !Ref G
        // When read
        var doc = ReadCase("bugs/24-cfn-source-group-name-vs-id/declared.yaml");

        // Then the rule attaches to G, its peer is G (self), tcp 0-0 stays port 0 with a warning
        doc.Errors.ShouldBeEmpty();
        var group = doc.Group("InstanceSecurityGroup");
        group.Style.ShouldBe(RuleStyle.Standalone);
        group.RuleTexts().ShouldBe(["ingress tcp 0-0 group:InstanceSecurityGroup"]);
        doc.Warnings.ShouldContain(w => w.Message.Contains("allows only port 0"));
    }
}
