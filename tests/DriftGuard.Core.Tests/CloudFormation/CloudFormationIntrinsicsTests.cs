using DriftGuard.Core.Declared;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.CloudFormation.CfnTestSupport;

namespace DriftGuard.Core.Tests.CloudFormation;

/// <summary>Short-form tags, parameters, conditions and the static evaluation of intrinsic functions.</summary>
public sealed class CloudFormationIntrinsicsTests
{
    private const string Preamble = """
        Parameters:
          Cidr: {Type: String, Default: 10.0.0.0/8}
          Net: {Type: String, Default: "10.1"}
          Env: {Type: String, Default: prod}
          Nets: {Type: CommaDelimitedList, Default: "10.11.0.0/16, 10.12.0.0/16"}
          NoDefault: {Type: String}
          FromSsm: {Type: "AWS::SSM::Parameter::Value<String>", Default: /net/cidr}
        Mappings:
          Networks:
            prod: {cidr: 10.5.0.0/16}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsDev: !Not [!Condition IsProd]
          Both: !And [!Condition IsProd, !Equals [a, a]]
          Either: !Or [!Condition IsDev, !Equals [!Ref Env, prod]]
          InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
        """;

    private static string Template(string ruleLines, string extraProperties = "", string extraResources = "") => Preamble + $$"""

        Resources:
          Other:
            Type: AWS::EC2::SecurityGroup
            Properties: {GroupDescription: other}
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: test
        {{extraProperties}}
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 443
                  ToPort: 443
        {{ruleLines}}
        {{extraResources}}
        """;

    private static string Peer(string peerLine) => "          " + peerLine;

    [Theory]
    [InlineData("CidrIp: !Ref Cidr", "ingress tcp 443-443 10.0.0.0/8")]
    [InlineData("CidrIp: !Sub \"${Net}.0.0/16\"", "ingress tcp 443-443 10.1.0.0/16")]
    [InlineData("CidrIp: !Sub [\"${A}.0.0/16\", {A: \"10.9\"}]", "ingress tcp 443-443 10.9.0.0/16")]
    [InlineData("SourceSecurityGroupId: !GetAtt Other.GroupId", "ingress tcp 443-443 group:Other")]
    [InlineData("SourceSecurityGroupId: !GetAtt [Other, GroupId]", "ingress tcp 443-443 group:Other")]
    [InlineData("SourceSecurityGroupId: !Ref Other", "ingress tcp 443-443 group:Other")]
    [InlineData("CidrIp: !If [IsProd, 10.2.0.0/16, 192.168.0.0/16]", "ingress tcp 443-443 10.2.0.0/16")]
    [InlineData("CidrIp: !If [IsDev, 10.2.0.0/16, 192.168.0.0/16]", "ingress tcp 443-443 192.168.0.0/16")]
    [InlineData("CidrIp: !If [Both, 10.2.0.0/16, 192.168.0.0/16]", "ingress tcp 443-443 10.2.0.0/16")]
    [InlineData("CidrIp: !If [Either, 10.2.0.0/16, 192.168.0.0/16]", "ingress tcp 443-443 10.2.0.0/16")]
    [InlineData("CidrIp: !Join [\"/\", [10.3.0.0, \"16\"]]", "ingress tcp 443-443 10.3.0.0/16")]
    [InlineData("CidrIp: !Select [1, [10.0.0.0/8, 10.4.0.0/16]]", "ingress tcp 443-443 10.4.0.0/16")]
    [InlineData("CidrIp: !Select [1, !Ref Nets]", "ingress tcp 443-443 10.12.0.0/16")]
    [InlineData("CidrIp: !Select [0, !Split [\",\", \"10.6.0.0/16,x\"]]", "ingress tcp 443-443 10.6.0.0/16")]
    [InlineData("CidrIp: !FindInMap [Networks, !Ref Env, cidr]", "ingress tcp 443-443 10.5.0.0/16")]
    [InlineData("CidrIp: !ImportValue shared-cidr", "ingress tcp 443-443 unknown:cidr")]
    [InlineData("CidrIp: !Select [0, !Cidr [10.0.0.0/16, 4, 8]]", "ingress tcp 443-443 unknown:cidr")]
    [InlineData("CidrIp: !Select [0, !GetAZs \"\"]", "ingress tcp 443-443 unknown:cidr")]
    [InlineData("CidrIp: !Sub \"${AWS::Region}\"", "ingress tcp 443-443 unknown:cidr")]
    [InlineData("CidrIp: !If [InUsEast, 10.0.0.0/8, 192.168.0.0/16]", "ingress tcp 443-443 unknown:cidr")]
    [InlineData("CidrIp: !Ref NoDefault", "ingress tcp 443-443 unknown:cidr")]
    [InlineData("CidrIp: !Ref FromSsm", "ingress tcp 443-443 unknown:cidr")]
    [InlineData("CidrIp: '{{resolve:ssm:/net/cidr}}'", "ingress tcp 443-443 unknown:cidr")]
    [InlineData("CidrIp: {\"Fn::If\": [IsProd, {Ref: Cidr}, 192.168.0.0/16]}", "ingress tcp 443-443 10.0.0.0/8")]
    public void Read_WhenPeerWrittenWithIntrinsic_ShouldResolveWhatIsStatic(string peer, string expected)
    {
        // Given a rule whose peer is written with an intrinsic (short or long form)
        // When read with parameter defaults
        var doc = ReadText(Template(Peer(peer)));

        // Then what the template fixes is resolved, and the rest is an unknown peer (never dropped)
        doc.Errors.ShouldBeEmpty();
        doc.Group("Sg").RuleTexts().ShouldBe([expected]);
    }

    [Fact]
    public void Read_WhenBase64OfKnownText_ShouldEncodeIt()
    {
        // Given Description: !Base64 hi
        // When read
        var rule = ReadText(Template(Peer("CidrIp: 10.0.0.0/8") + "\n" + Peer("Description: !Base64 hi"))).Group("Sg").Rules.Single();

        // Then the description is the encoded text
        rule.Description.ShouldBe("aGk=");
    }

    [Fact]
    public void Read_WhenParameterOverridden_ShouldUseTheGivenValue()
    {
        // Given CidrIp: !Ref Cidr and --parameters Cidr=172.16.0.0/12
        var options = new ReaderOptions { Parameters = new Dictionary<string, string> { ["Cidr"] = "172.16.0.0/12" } };

        // When read
        var doc = ReadText(Template(Peer("CidrIp: !Ref Cidr")), options);

        // Then the override wins over the Default
        doc.Group("Sg").RuleTexts().ShouldBe(["ingress tcp 443-443 172.16.0.0/12"]);
    }

    [Fact]
    public void Read_WhenOverrideDecidesCondition_ShouldTakeTheOtherBranch()
    {
        // Given CidrIp: !If [IsProd, …] and --parameters Env=dev
        var options = new ReaderOptions { Parameters = new Dictionary<string, string> { ["Env"] = "dev" } };

        // When read
        var doc = ReadText(Template(Peer("CidrIp: !If [IsProd, 10.2.0.0/16, 192.168.0.0/16]")), options);

        // Then the false branch is read
        doc.Group("Sg").RuleTexts().ShouldBe(["ingress tcp 443-443 192.168.0.0/16"]);
    }

    [Fact]
    public void Read_WhenParameterHasNoValue_ShouldWarnOnce()
    {
        // Given two uses of a parameter without Default or override
        // When read
        var doc = ReadText(Template(Peer("CidrIp: !Ref NoDefault") + "\n" + Peer("Description: !Ref NoDefault")));

        // Then one warning tells the user to pass --parameters
        doc.Warnings.Count(w => w.Message.Contains("'NoDefault'") && w.Message.Contains("--parameters")).ShouldBe(1);
    }

    [Fact]
    public void Read_WhenRuleEntryIsUndecidableIf_ShouldReadBothBranchesAndWarn()
    {
        // Given a rule list entry !If [InUsEast, {ssh from world}, {https from 10/8}] (depends on the region)
        const string template = """
            Conditions:
              InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Sg:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: test
                  SecurityGroupIngress:
                    - !If
                      - InUsEast
                      - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
                      - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}
            """;

        // When read
        var doc = ReadText(template);

        // Then both may be deployed, so both are read (fail closed), with a warning naming the condition
        doc.Group("Sg").RuleTexts().ShouldBe(["ingress tcp 22-22 0.0.0.0/0", "ingress tcp 443-443 10.0.0.0/8"]);
        doc.Warnings.ShouldContain(w => w.Message.Contains("'InUsEast'"));
    }

    [Fact]
    public void Read_WhenRuleEntryIsIfWithNoValue_ShouldDropTheEntryWhenFalse()
    {
        // Given an entry !If [IsDev, {rule}, !Ref AWS::NoValue] with Env=prod
        var doc = ReadText(Template(Peer("CidrIp: 10.0.0.0/8") + "\n" +
                                    "        - !If [IsDev, {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}, !Ref AWS::NoValue]"));

        // When read, Then only the unconditional rule remains
        doc.Group("Sg").RuleTexts().ShouldBe(["ingress tcp 443-443 10.0.0.0/8"]);
    }

    [Fact]
    public void Read_WhenPropertyIsNoValue_ShouldRemoveTheProperty()
    {
        // Given CidrIpv6: !Ref AWS::NoValue beside CidrIp, and Description: !If [IsProd, !Ref AWS::NoValue, x]
        var doc = ReadText(Template(Peer("CidrIp: 10.0.0.0/8") + "\n" + Peer("CidrIpv6: !Ref AWS::NoValue") + "\n" +
                                    Peer("Description: !If [IsProd, !Ref AWS::NoValue, x]")));

        // When read, Then the rule has one peer (no two-peer error) and no description
        doc.Errors.ShouldBeEmpty();
        var rule = doc.Group("Sg").Rules.ShouldHaveSingleItem();
        rule.Source.ShouldBe(new Cidr("10.0.0.0/8"));
        rule.Description.ShouldBeNull();
    }

    [Fact]
    public void Read_WhenEgressIsNoValueByCondition_ShouldKeepDefaultEgress()
    {
        // Given SecurityGroupEgress: !If [IsProd, !Ref AWS::NoValue, [rule]] with Env=prod
        var doc = ReadText(Template(Peer("CidrIp: 10.0.0.0/8"),
            "      SecurityGroupEgress: !If [IsProd, !Ref AWS::NoValue, [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]]"));

        // When read, Then the property is absent: EC2's default egress stays
        var group = doc.Group("Sg");
        group.EgressDeclared.ShouldBeFalse();
        group.Egress.ShouldBeEmpty();
    }

    [Fact]
    public void Read_WhenResourceConditionIsFalse_ShouldSkipTheResource()
    {
        // Given a standalone ingress with Condition: IsDev (false with Env=prod)
        var doc = ReadText(Template(Peer("CidrIp: 10.0.0.0/8"), extraResources: """
              DevSsh:
                Type: AWS::EC2::SecurityGroupIngress
                Condition: IsDev
                Properties: {GroupId: !Ref Sg, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
            """));

        // When read, Then the resource is not created
        doc.Group("Sg").RuleTexts().ShouldBe(["ingress tcp 443-443 10.0.0.0/8"]);
    }

    [Fact]
    public void Read_WhenResourceConditionIsUndecidable_ShouldReadTheResourceAndWarn()
    {
        // Given a standalone ingress with Condition: InUsEast (depends on AWS::Region)
        var doc = ReadText(Template(Peer("CidrIp: 10.0.0.0/8"), extraResources: """
              RegionalSsh:
                Type: AWS::EC2::SecurityGroupIngress
                Condition: InUsEast
                Properties: {GroupId: !GetAtt Sg.GroupId, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
            """));

        // When read, Then it is read as created (fail closed), with a warning
        doc.Group("Sg").RuleTexts().ShouldContain("ingress tcp 22-22 0.0.0.0/0");
        doc.Warnings.ShouldContain(w => w.Resource == "RegionalSsh" && w.Message.Contains("'InUsEast'"));
    }

    [Fact]
    public void Read_WhenMetadataDriftguardSkip_ShouldExposeTheWaivers()
    {
        // Given Metadata.driftguard.skip on the group
        const string template = """
            Resources:
              Bastion:
                Type: AWS::EC2::SecurityGroup
                Metadata:
                  driftguard:
                    skip:
                      - id: DG-SG-001
                        reason: "Bastion; SSH limited by NACL - SEC-1234"
                  checkov:
                    skip: [{id: CKV_AWS_24, comment: not ours}]
                Properties:
                  GroupDescription: bastion
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
            """;

        // When read
        var group = ReadText(template).Group("Bastion");

        // Then only the driftguard waiver is exposed on the group
        group.Skips.ShouldBe([("DG-SG-001", "Bastion; SSH limited by NACL - SEC-1234")]);
    }

    [Fact]
    public void Read_WhenStandaloneTargetIsExternalGroupId_ShouldAttachToPlaceholderGroup()
    {
        // Given a standalone egress on a literal sg- id not declared in the template
        const string template = """
            Resources:
              Out:
                Type: AWS::EC2::SecurityGroupEgress
                Properties: {GroupId: sg-0123456789abcdef0, IpProtocol: "-1", DestinationPrefixListId: pl-0abc1234}
            """;

        // When read
        var group = ReadText(template).Group("sg-0123456789abcdef0");

        // Then a placeholder group keyed by the id holds the rule
        group.GroupId.ShouldBe("sg-0123456789abcdef0");
        group.Style.ShouldBe(RuleStyle.Standalone);
        group.RuleTexts().ShouldBe(["egress all --- pl-0abc1234"]);
        group.Rules.Single().Origin!.Resource.ShouldBe("Out");
    }

    [Fact]
    public void Read_WhenStandaloneTargetsGroupByName_ShouldAttachToTheNamedGroup()
    {
        // Given a group with GroupName web and an ingress with GroupName: web
        const string template = """
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties: {GroupDescription: web, GroupName: web}
              WebHttps:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupName: web, IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupName: lb}
            """;

        // When read
        var doc = ReadText(template);

        // Then the rule lands on Web, and the source group name is kept for live resolution
        doc.Groups.ShouldHaveSingleItem().Key.ShouldBe("Web");
        doc.Group("Web").RuleTexts().ShouldBe(["ingress tcp 443-443 group:lb"]);
    }

    [Fact]
    public void Read_WhenEgressStandaloneOnly_ShouldNotDeclareEgressAway()
    {
        // Given a group without SecurityGroupEgress and a standalone AWS::EC2::SecurityGroupEgress on it
        const string template = """
            Resources:
              App:
                Type: AWS::EC2::SecurityGroup
                Properties: {GroupDescription: app}
              AppOut:
                Type: AWS::EC2::SecurityGroupEgress
                Properties: {GroupId: !Ref App, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}
            """;

        // When read
        var group = ReadText(template).Group("App");

        // Then the default allow-all egress stays beside the standalone rule
        group.EgressDeclared.ShouldBeFalse();
        group.RuleTexts().ShouldBe(["egress tcp 443-443 10.0.0.0/8"]);
    }
}
