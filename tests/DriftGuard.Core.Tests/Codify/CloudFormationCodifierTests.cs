using DriftGuard.Core.Codify;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Codify;

public sealed class CloudFormationCodifierTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-codify-cfn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Template =
        "Resources:\n" +
        "  App:\n" +
        "    Type: AWS::EC2::SecurityGroup\n" +
        "    Properties:\n" +
        "      SecurityGroupIngress:\n" +
        "      - IpProtocol: tcp   # same-indent list\n" +
        "        FromPort: 22\n" +
        "        ToPort: 22\n" +
        "        CidrIp: !Ref VpnCidr\n" +
        "\n" +
        "      Tags:\n" +
        "        - Key: app\n" +
        "          Value: shop\n";

    private static DriftItem Unmanaged(Direction direction, string protocol, int? from, int? to, RuleSource source, string? description = null) =>
        new(DriftKind.Unmanaged, "sg-0a1", new SgRule("sg-0a1", direction, protocol, from, to, source) { Description = description })
        { Resource = "App", Fingerprint = "0123456789abcdef" };

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "stack.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Propose_WhenTheListExists_ShouldAppendAnItemWithTheListsIndentationKeepingEveryOtherByte()
    {
        // Given
        var path = Write(Template);
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16"), "HTTPS: office"), path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.EditFile);
        proposal.Files.ShouldHaveSingleItem().Content.ShouldBe(Template.Replace("CidrIp: !Ref VpnCidr\n",
            "CidrIp: !Ref VpnCidr\n" +
            "      - IpProtocol: tcp\n" +
            "        FromPort: 443\n" +
            "        ToPort: 443\n" +
            "        CidrIp: 10.30.0.0/16\n" +
            "        Description: \"HTTPS: office\"\n"));
    }

    [Fact]
    public void Propose_WhenTheEgressListIsMissing_ShouldBeManual()
    {
        // Given
        var path = Write(Template);
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Egress, "tcp", 443, 443, new GroupRef("sg-0db")), path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Code.ShouldBe("- IpProtocol: tcp\n  FromPort: 443\n  ToPort: 443\n  DestinationSecurityGroupId: sg-0db\n");
    }

    [Fact]
    public void Propose_WhenIpv6ToTheShopTemplate_ShouldAppendAfterTheLastIngressItem()
    {
        // Given: the example stack, its list indented under the key
        var source = Path.Combine(DriftGuard.Core.Tests.Drift.CaseFiles.Root, "iac", "compliant", "cloudformation", "shop.yaml");
        var path = Write(File.ReadAllText(source));
        var drift = Unmanaged(Direction.Ingress, Protocols.All, null, null, Cidr.Parse("2001:db8::/32")) with { Resource = "AppSecurityGroup" };
        // When
        var proposal = CloudFormationCodifier.Propose(drift, path);
        // Then
        proposal.Files.ShouldHaveSingleItem().Content.ShouldBe(File.ReadAllText(source).Replace(
            "          Description: SSH from the VPN\n",
            "          Description: SSH from the VPN\n        - IpProtocol: \"-1\"\n          CidrIpv6: \"2001:db8::/32\"\n"));
    }

    [Fact]
    public void Propose_WhenSecurityGroupIngressIsMissing_ShouldAddItAsTheLastPropertyWithTheSiblingListsIndentation()
    {
        // Given: no ingress list; Tags shows dashes indented two spaces under their key
        var template =
            "Resources:\n" +
            "  App:\n" +
            "    Type: AWS::EC2::SecurityGroup\n" +
            "    Properties:\n" +
            "      GroupDescription: app\n" +
            "      Tags:\n" +
            "        - Key: app\n" +
            "          Value: shop\n" +
            "  # next resource\n" +
            "  Other:\n" +
            "    Type: AWS::SNS::Topic\n";
        var path = Write(template);
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.0.0.0/8")), path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.EditFile);
        proposal.Files.ShouldHaveSingleItem().Content.ShouldBe(template.Replace("          Value: shop\n", "          Value: shop\n" +
            "      SecurityGroupIngress:\n" +
            "        - IpProtocol: tcp\n" +
            "          FromPort: 443\n" +
            "          ToPort: 443\n" +
            "          CidrIp: 10.0.0.0/8\n"));
    }

    [Fact]
    public void Propose_WhenSecurityGroupIngressIsMissingInACrlfFileWithSameIndentLists_ShouldFollowThem()
    {
        // Given
        var template = "Resources:\r\n  App:\r\n    Type: AWS::EC2::SecurityGroup\r\n    Properties:\r\n      Tags:\r\n      - Key: app\r\n        Value: shop";
        var path = Write(template);
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.0.0.0/8")), path);
        // Then
        CodifyAssert.Inserted(template, proposal.Files.ShouldHaveSingleItem().Content).ShouldBe(
            "\r\n      SecurityGroupIngress:\r\n      - IpProtocol: tcp\r\n        FromPort: 443\r\n        ToPort: 443\r\n        CidrIp: 10.0.0.0/8\r\n");
    }

    [Theory]
    [InlineData("      SecurityGroupIngress: !If [Prod, [], !Ref AWS::NoValue]\n")]
    [InlineData("      SecurityGroupIngress: []\n")]
    public void Propose_WhenSecurityGroupIngressIsNotABlockList_ShouldBeManualAndNotAddASecondKey(string line)
    {
        // Given
        var path = Write("Resources:\n  App:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n" + line + "      GroupDescription: app\n");
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.0.0.0/8")), path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Files.ShouldBeEmpty();
    }

    [Fact]
    public void Propose_WhenAMappingHasTheLogicalIdsName_ShouldEditTheResource()
    {
        // Given: "App" is also a key under Mappings, before Resources
        var template = "Mappings:\n  App:\n    us-east-1:\n      Ami: ami-1\n" + Template;
        var path = Write(template);
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16")), path);
        // Then
        proposal.Files.ShouldHaveSingleItem().Content.ShouldBe(template.Replace("CidrIp: !Ref VpnCidr\n",
            "CidrIp: !Ref VpnCidr\n      - IpProtocol: tcp\n        FromPort: 443\n        ToPort: 443\n        CidrIp: 10.30.0.0/16\n"));
    }

    [Fact]
    public void Propose_WhenTheTemplateStartsWithAByteOrderMark_ShouldKeepIt()
    {
        // Given
        var path = Path.Combine(_dir, "stack.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Template)]);
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16")), path);
        // Then: written as UTF-8, the content starts with EF BB BF again
        var bytes = System.Text.Encoding.UTF8.GetBytes(proposal.Files.ShouldHaveSingleItem().Content);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        System.Text.Encoding.UTF8.GetString(bytes[3..]).ShouldStartWith(Template[..40]);
    }

    [Fact]
    public void Propose_WhenTheTemplateIsNotUtf8_ShouldBeManual()
    {
        // Given: a Latin-1 byte that UTF-8 decoding would replace
        var path = Path.Combine(_dir, "stack.yaml");
        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetBytes(Template), (byte)'#', 0xE9, (byte)'\n']);
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16")), path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Reason.ShouldNotBeNull().ShouldContain("cannot read");
    }
}
