using DriftGuard.Core.Declared;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.CloudFormation.CfnTestSupport;

namespace DriftGuard.Core.Tests.CloudFormation;

/// <summary>Real public templates from ../shared/cases/iac (see SOURCES.md there).</summary>
public sealed class CloudFormationSharedCasesTests
{
    public static TheoryData<string, int> GroupCounts => new()
    {
        { "iac/cfn-yaml/awscfn-ec2-instance-with-sg.yaml", 1 },
        { "iac/cfn-yaml/awscfn-fargate-public-vpc.yaml", 2 },
        { "iac/cfn-yaml/awscfn-rds-mysql-read-replica.yaml", 1 },
        { "iac/cfn-yaml/cfnlint-bad-properties-sg-ingress.yaml", 2 },
        { "iac/cfn-yaml/cfnlint-nist-application.yaml", 5 },
        { "iac/cfn-yaml/checkov-cfn-ssh-ipv6-expanded-param.yaml", 1 },
        { "iac/cfn-yaml/checkov-cfn-ssh-range-string-ports.yaml", 1 },
        { "iac/cfn-yaml/ecs-refarch-security-groups.yaml", 2 },
        { "iac/cfn-yaml/quickstart-linux-bastion-existing-vpc.yaml", 1 },
        { "iac/cfn-yaml/regula-cfn-ingress-22.yaml", 8 },
        { "iac/cfn-json/awscfn-ec2-instance-with-sg.json", 1 },
        { "iac/cfn-json/awscfn-fargate-public-vpc.json", 2 },
        // six standalone ingress resources whose GroupId is Fn::Select over a list parameter: six placeholder groups
        { "iac/cfn-json/awscfn-vpc-peering-updates.json", 6 },
        { "iac/cfn-json/cfnlint-quickstart-vpc-management.json", 4 },
        { "iac/cfn-json/checkov-ec2-security-group.json", 1 },
    };

    [Theory]
    [MemberData(nameof(GroupCounts))]
    public void Read_WhenSharedTemplate_ShouldFindTheDeclaredSecurityGroups(string file, int groups)
    {
        // Given a real template
        // When it is read
        var doc = ReadCase(file);

        // Then every security group it declares (or targets) is found
        doc.Groups.Count.ShouldBe(groups);
    }

    [Fact]
    public void Read_WhenEverySharedCfnFile_ShouldNotThrow()
    {
        // Given every shared CloudFormation file
        var files = Directory.GetFiles(Case("iac/cfn-yaml")).Concat(Directory.GetFiles(Case("iac/cfn-json"))).ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(15);

        // When each is read, Then none throws and each yields a document of the CloudFormation kind
        foreach (var file in files)
            Should.NotThrow(() => new DriftGuard.Core.Declared.CloudFormation.CloudFormationReader().Read(file, file, new ReaderOptions()).Kind)
                  .ShouldBe(IacKind.CloudFormation);
    }

    [Theory]
    [InlineData("iac/cfn-yaml/awscfn-ec2-instance-with-sg.yaml")]
    [InlineData("iac/cfn-yaml/awscfn-fargate-public-vpc.yaml")]
    [InlineData("iac/cfn-yaml/cfnlint-nist-application.yaml")]
    [InlineData("iac/cfn-yaml/regula-cfn-ingress-22.yaml")]
    [InlineData("iac/cfn-json/cfnlint-quickstart-vpc-management.json")]
    [InlineData("iac/cfn-json/awscfn-vpc-peering-updates.json")]
    public void Read_WhenValidSharedTemplate_ShouldReportNoErrors(string file)
    {
        // Given a template that deploys
        // When it is read
        var doc = ReadCase(file);

        // Then it has no errors
        doc.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("awscfn-ec2-instance-with-sg")]
    [InlineData("awscfn-fargate-public-vpc")]
    public void Read_WhenJsonAndYamlTwins_ShouldYieldIdenticalRules(string name)
    {
        // Given the YAML and JSON renderings of the same template
        // When both are read
        var yaml = ReadCase($"iac/cfn-yaml/{name}.yaml");
        var json = ReadCase($"iac/cfn-json/{name}.json");

        // Then the groups and their rules (identity and description) are the same
        yaml.Groups.Select(g => g.Key).ShouldBe(json.Groups.Select(g => g.Key));
        Identity(yaml).ShouldBe(Identity(json));
        yaml.Groups.Sum(g => g.Rules.Count).ShouldBeGreaterThan(0);
    }

    private static string[] Identity(DeclaredDocument doc) =>
        [.. doc.Groups.SelectMany(g => g.Rules).Select(r => $"{r.Key} | {r.Description} | {r.Origin?.Resource}").Order(StringComparer.Ordinal)];

    [Fact]
    public void Read_WhenSshLocationDefaultIsSlashZeroWithHostBits_ShouldOpenSshToTheWorld()
    {
        // Given SSHLocation's default 192.168.1.0/0 (a /0: every IPv4 address)
        // When read
        var group = ReadCase("iac/cfn-yaml/awscfn-ec2-instance-with-sg.yaml").Group("InstanceSecurityGroup");

        // Then the SSH rule is from 0.0.0.0/0, and the default egress stays (no SecurityGroupEgress)
        group.RuleTexts().ShouldBe(["ingress tcp 22-22 0.0.0.0/0"]);
        group.EgressDeclared.ShouldBeFalse();
    }

    [Fact]
    public void Read_WhenStandaloneIngressReferencesGroups_ShouldAttachToTargetWithGroupRefs()
    {
        // Given standalone SecurityGroupIngress resources, one from the ALB group, one from the group itself
        // When read
        var group = ReadCase("iac/cfn-yaml/awscfn-fargate-public-vpc.yaml").Group("FargateContainerSecurityGroup");

        // Then both attach to their target, with peers as logical-id group references
        group.Style.ShouldBe(RuleStyle.Standalone);
        group.RuleTexts().ShouldBe(["ingress all --- group:FargateContainerSecurityGroup", "ingress all --- group:PublicLoadBalancerSG"]);
        group.Rules.Select(r => r.Origin!.Resource).ShouldBe(["EcsSecurityGroupIngressFromPublicALB", "EcsSecurityGroupIngressFromSelf"], ignoreOrder: true);
    }

    [Fact]
    public void Read_WhenCheckovRuleSetsCidrAndSourceGroup_ShouldReportTwoPeersError()
    {
        // Given a rule with both SourceSecurityGroupId and CidrIp (invalid for EC2)
        // When read
        var doc = ReadCase("iac/cfn-json/checkov-ec2-security-group.json");

        // Then one error names the resource and the line of the rule
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(32);
        error.Resource.ShouldBe("TestSecurityGroup");
        error.Message.ShouldContain("CidrIp and SourceSecurityGroupId");
    }

    [Fact]
    public void Read_WhenCfnLintBadProperties_ShouldReportEachInvalidRule()
    {
        // Given cfn-lint's deliberately invalid template
        // When read
        var doc = ReadCase("iac/cfn-yaml/cfnlint-bad-properties-sg-ingress.yaml");

        // Then the invalid constructs are errors with their lines
        string[] expected =
        [
            "26:icmp (protocol 1) requires FromPort and ToPort",   // IpProtocol 1 without type/code
            "38:sets CidrIp and SourceSecurityGroupId",           // two peers
            "42:icmp (protocol 1) requires FromPort and ToPort",   // IpProtocol "1" as a string
            "48:sets CidrIp and SourceSecurityGroupId",
            "49:SourceSecurityGroupId 'vpc-1234567' is not a security group id",
            "71:GroupId and GroupName are mutually exclusive",
        ];
        foreach (var e in expected)
        {
            var (line, text) = (int.Parse(e[..e.IndexOf(':')]), e[(e.IndexOf(':') + 1)..]);
            doc.Errors.ShouldContain(d => d.Line == line && d.Message.Contains(text), $"expected error at line {line}: {text}");
        }
        // And the SSM dynamic reference is an unknown peer, not an error
        doc.Group("mySecurityGroupVpc").Rules.ShouldContain(r => r.Source is UnknownSource && r.Origin!.Resource == "SecurityGroupRuleSSM");
        doc.Errors.ShouldNotContain(d => d.Message.Contains("resolve:ssm"));
    }

    [Fact]
    public void Read_WhenBastionRemoteAccessDisabledByDefault_ShouldSkipConditionalIngress()
    {
        // Given the bastion template whose RemoteAccessCIDR default disables both HasRemoteCIDR and HasPrefixList
        // When read with defaults
        var group = ReadCase("iac/cfn-yaml/quickstart-linux-bastion-existing-vpc.yaml").Group("BastionSecurityGroup");

        // Then no conditional ingress resource is created
        group.Rules.ShouldBeEmpty();
    }

    [Fact]
    public void Read_WhenBastionRemoteAccessCidrOverridden_ShouldIncludeCidrRulesOnly()
    {
        // Given --parameters RemoteAccessCIDR=0.0.0.0/0 (HasRemoteCIDR true, HasPrefixList false)
        var options = new ReaderOptions { Parameters = new Dictionary<string, string> { ["RemoteAccessCIDR"] = "0.0.0.0/0" } };

        // When read
        var group = ReadCase("iac/cfn-yaml/quickstart-linux-bastion-existing-vpc.yaml", options).Group("BastionSecurityGroup");

        // Then SSH and ICMP from the CIDR are declared
        group.RuleTexts().ShouldBe(["ingress icmp -1--1 0.0.0.0/0", "ingress tcp 22-22 0.0.0.0/0"]);
    }

    [Fact]
    public void Read_WhenBastionRemoteAccessIsPrefixList_ShouldIncludePrefixListRulesOnly()
    {
        // Given --parameters RemoteAccessCIDR=pl-0123abcd (HasPrefixList true via Select/Split)
        var options = new ReaderOptions { Parameters = new Dictionary<string, string> { ["RemoteAccessCIDR"] = "pl-0123abcd" } };

        // When read
        var group = ReadCase("iac/cfn-yaml/quickstart-linux-bastion-existing-vpc.yaml", options).Group("BastionSecurityGroup");

        // Then SSH and ICMP from the prefix list are declared
        group.RuleTexts().ShouldBe(["ingress icmp -1--1 pl-0123abcd", "ingress tcp 22-22 pl-0123abcd"]);
    }

    [Fact]
    public void Read_WhenRegulaProtocolMinusOneWithPorts_ShouldOpenAllPortsAndWarn()
    {
        // Given IpProtocol -1 (a YAML integer) with FromPort/ToPort 22
        // When read
        var doc = ReadCase("iac/cfn-yaml/regula-cfn-ingress-22.yaml");

        // Then the rule is all traffic, with a warning that the ports are ignored
        doc.Group("InvalidSecurityGroup01").RuleTexts().ShouldBe(["ingress all --- 0.0.0.0/0"]);
        doc.Warnings.ShouldContain(w => w.Line == 69 && w.Message.Contains("ports ignored"));
        // And the ingress that points at the wrong group lands on that group
        doc.Group("ValidSecurityGroup04").RuleTexts().ShouldBe(["ingress all --- 0.0.0.0/0", "ingress all --- 192.168.1.7/32"]);
    }

    [Fact]
    public void Read_WhenListParameterSelectsTargetGroup_ShouldUsePlaceholderKeyedByExpression()
    {
        // Given GroupId: Fn::Select [0, Ref SecurityGroupIds] with no parameter value
        // When read
        var doc = ReadCase("iac/cfn-json/awscfn-vpc-peering-updates.json");

        // Then the rule is kept on a placeholder group named by the expression, with an unknown peer
        var placeholder = doc.Group("{\"Fn::Select\":[\"0\",{\"Ref\":\"SecurityGroupIds\"}]}");
        placeholder.Style.ShouldBe(RuleStyle.Standalone);
        placeholder.RuleTexts().ShouldBe(["ingress all --- unknown:cidr"]);
    }

    [Fact]
    public void Read_WhenListParameterGiven_ShouldAttachToTheSelectedGroupId()
    {
        // Given the list parameter and the peer CIDR as --parameters
        var options = new ReaderOptions
        {
            Parameters = new Dictionary<string, string>
            {
                ["SecurityGroupIds"] = "sg-0aaa,sg-0bbb", ["NumberOfSecurityGroups"] = "2", ["PeerVPCCIDR"] = "10.1.0.0/16", ["PeerName"] = "lab",
            },
        };

        // When read
        var doc = ReadCase("iac/cfn-json/awscfn-vpc-peering-updates.json", options);

        // Then the rules attach to the selected sg- ids, and the conditions for groups 3..6 are false
        doc.Groups.Select(g => g.Key).ShouldBe(["sg-0aaa", "sg-0bbb"]);
        doc.Group("sg-0aaa").GroupId.ShouldBe("sg-0aaa");
        doc.Group("sg-0bbb").RuleTexts().ShouldBe(["ingress all --- 10.1.0.0/16"]);
    }
}
