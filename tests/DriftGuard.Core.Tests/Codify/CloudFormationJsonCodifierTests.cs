using System.Text.Json;
using DriftGuard.Core.Codify;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Codify;

public sealed class CloudFormationJsonCodifierTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-codify-cfn-json-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Template =
        "{\n" +
        "  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n" +
        "  \"Resources\": {\n" +
        "    \"App\": {\n" +
        "      \"Type\": \"AWS::EC2::SecurityGroup\",\n" +
        "      \"Properties\": {\n" +
        "        \"GroupDescription\": \"app\",\n" +
        "        \"SecurityGroupIngress\": [\n" +
        "          {\n" +
        "            \"IpProtocol\": \"tcp\",\n" +
        "            \"FromPort\": 22,\n" +
        "            \"ToPort\": 22,\n" +
        "            \"CidrIp\": { \"Ref\": \"VpnCidr\" }\n" +
        "          }\n" +
        "        ],\n" +
        "        \"Tags\": [ { \"Key\": \"app\", \"Value\": \"shop\" } ]\n" +
        "      }\n" +
        "    }\n" +
        "  }\n" +
        "}\n";

    private static DriftItem Unmanaged(Direction direction, string protocol, int? from, int? to, RuleSource source, string? description = null) =>
        new(DriftKind.Unmanaged, "sg-0a1", new SgRule("sg-0a1", direction, protocol, from, to, source) { Description = description })
        { Resource = "App", Fingerprint = "0123456789abcdef" };

    private static DriftItem Https => Unmanaged(Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.0.0.0/8"), "HTTPS: office");

    private string Write(string text, string name = "stack.json")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Ingress(string json, string logicalId = "App", string key = "SecurityGroupIngress") =>
        JsonDocument.Parse(json).RootElement.GetProperty("Resources").GetProperty(logicalId).GetProperty("Properties").GetProperty(key);

    [Fact]
    public void Propose_WhenTheListHasAnEntry_ShouldAppendAnObjectIndentedLikeItKeepingEveryOtherByte()
    {
        // Given
        var path = Write(Template);
        // When
        var proposal = CloudFormationCodifier.Propose(Https, path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.EditFile);
        var edited = proposal.Files.ShouldHaveSingleItem().Content;
        CodifyAssert.Inserted(Template, edited).ShouldBe(
            ",\n" +
            "          {\n" +
            "            \"IpProtocol\": \"tcp\",\n" +
            "            \"FromPort\": 443,\n" +
            "            \"ToPort\": 443,\n" +
            "            \"CidrIp\": \"10.0.0.0/8\",\n" +
            "            \"Description\": \"HTTPS: office\"\n" +
            "          }");
        Ingress(edited).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void Propose_WhenEntriesAreSingleLine_ShouldAppendASingleLineEntryWithTheirSpacingAndKeyOrder()
    {
        // Given: the checkov style, " : " and quoted ports, Description first
        var template =
            "{ \"Resources\" : { \"App\" : { \"Type\" : \"AWS::EC2::SecurityGroup\", \"Properties\" : {\n" +
            "    \"SecurityGroupIngress\" : [\n" +
            "      {\"Description\" : \"web\", \"IpProtocol\" : \"tcp\", \"FromPort\" : \"80\", \"ToPort\" : \"80\", \"CidrIp\" : \"0.0.0.0/0\"},\n" +
            "      {\"Description\" : \"ssh\", \"IpProtocol\" : \"tcp\", \"FromPort\" : \"22\", \"ToPort\" : \"22\", \"CidrIp\" : \"10.0.0.0/8\"}\n" +
            "    ]\n" +
            "} } } }\n";
        var path = Write(template);
        // When
        var proposal = CloudFormationCodifier.Propose(Https, path);
        // Then
        CodifyAssert.Inserted(template, proposal.Files.ShouldHaveSingleItem().Content).ShouldBe(
            ",\n      {\"Description\" : \"HTTPS: office\", \"IpProtocol\" : \"tcp\", \"FromPort\" : \"443\", \"ToPort\" : \"443\", \"CidrIp\" : \"10.0.0.0/8\"}");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[ ]")]
    [InlineData("[\n        ]")]
    public void Propose_WhenTheListIsEmpty_ShouldWriteTheFirstEntryOneLevelUnderTheKey(string empty)
    {
        // Given
        var template = Template.Replace(Template[Template.IndexOf("[\n          {", StringComparison.Ordinal)..(Template.IndexOf("],", StringComparison.Ordinal) + 1)], empty);
        var path = Write(template);
        // When
        var proposal = CloudFormationCodifier.Propose(Https, path);
        // Then
        var edited = proposal.Files.ShouldHaveSingleItem().Content;
        edited.ShouldContain(
            "\n" +
            "          {\n" +
            "            \"IpProtocol\": \"tcp\",\n");
        edited.ShouldContain("            \"Description\": \"HTTPS: office\"\n          }\n        ],\n        \"Tags\"");
        CodifyAssert.Inserted(template, edited);
        Ingress(edited).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public void Propose_WhenSecurityGroupIngressIsMissing_ShouldAddItAfterTheLastPropertyInThePropertiesStyle()
    {
        // Given
        var template = Template.Replace(Template[Template.IndexOf("        \"SecurityGroupIngress\"", StringComparison.Ordinal)..Template.IndexOf("        \"Tags\"", StringComparison.Ordinal)], "");
        var path = Write(template);
        // When
        var proposal = CloudFormationCodifier.Propose(Https, path);
        // Then
        var edited = proposal.Files.ShouldHaveSingleItem().Content;
        CodifyAssert.Inserted(template, edited).ShouldBe(
            ",\n" +
            "        \"SecurityGroupIngress\": [\n" +
            "          {\n" +
            "            \"IpProtocol\": \"tcp\",\n" +
            "            \"FromPort\": 443,\n" +
            "            \"ToPort\": 443,\n" +
            "            \"CidrIp\": \"10.0.0.0/8\",\n" +
            "            \"Description\": \"HTTPS: office\"\n" +
            "          }\n" +
            "        ]");
        Ingress(edited).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public void Propose_WhenSecurityGroupEgressIsMissing_ShouldBeManualBecauseDeclaringItRemovesTheDefaultEgress()
    {
        // Given
        var path = Write(Template);
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Egress, "tcp", 443, 443, Cidr.Parse("10.0.0.0/8")), path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Reason.ShouldNotBeNull().ShouldContain("default allow-all egress");
        proposal.Code.ShouldBe("{\n  \"IpProtocol\": \"tcp\",\n  \"FromPort\": 443,\n  \"ToPort\": 443,\n  \"CidrIp\": \"10.0.0.0/8\"\n}\n");
    }

    [Fact]
    public void Propose_WhenTheListIsAnFnIf_ShouldBeManual()
    {
        // Given
        var template = Template.Replace("\"SecurityGroupIngress\": [", "\"SecurityGroupIngress\": { \"Fn::If\": [ \"Prod\", [").Replace("        ],\n", "        ], [] ] },\n");
        JsonDocument.Parse(template).ShouldNotBeNull();
        var path = Write(template);
        // When
        var proposal = CloudFormationCodifier.Propose(Https, path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Files.ShouldBeEmpty();
        proposal.Reason.ShouldNotBeNull().ShouldContain("intrinsic function");
    }

    [Fact]
    public void Propose_WhenTheFileUsesCrlf_ShouldWriteCrlfOnly()
    {
        // Given
        var template = Template.Replace("\n", "\r\n", StringComparison.Ordinal);
        var path = Write(template);
        // When
        var proposal = CloudFormationCodifier.Propose(Https, path);
        // Then
        var inserted = CodifyAssert.Inserted(template, proposal.Files.ShouldHaveSingleItem().Content);
        inserted.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain('\n');
        inserted.ShouldContain("\r\n            \"FromPort\": 443,\r\n");
    }

    [Fact]
    public void Propose_WhenATemplateFileHoldsJson_ShouldEditItAsJson()
    {
        // Given: the .template extension says nothing about the syntax
        var path = Write(Template, "stack.template");
        // When
        var proposal = CloudFormationCodifier.Propose(Https, path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.EditFile);
        Ingress(proposal.Files.ShouldHaveSingleItem().Content).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void Propose_WhenTheRuleReferencesItsOwnGroup_ShouldWriteFnGetAtt()
    {
        // Given
        var path = Write(Template);
        // When
        var proposal = CloudFormationCodifier.Propose(Unmanaged(Direction.Ingress, "udp", 53, 53, new GroupRef(GroupRef.Self)), path);
        // Then
        var added = Ingress(proposal.Files.ShouldHaveSingleItem().Content)[1];
        added.GetProperty("SourceSecurityGroupId").GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()).ShouldBe(["App", "GroupId"]);
    }

    [Fact]
    public void Propose_WhenTheJsonHasComments_ShouldBeManual()
    {
        // Given: a comment would be copied into the new entry's whitespace
        var template = Template.Replace("\"Resources\": {\n", "\"Resources\": { // groups\n");
        var path = Write(template);
        // When
        var proposal = CloudFormationCodifier.Propose(Https, path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Reason.ShouldNotBeNull().ShouldContain("not strict JSON");
    }

    [Fact]
    public void Propose_WhenTheLogicalIdIsNotInResources_ShouldBeManual()
    {
        // Given
        var path = Write(Template);
        // When
        var proposal = CloudFormationCodifier.Propose(Https with { Resource = "Db" }, path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Reason.ShouldNotBeNull().ShouldContain("Db not found");
    }

    public static TheoryData<string, string> SharedGroups() => new()
    {
        { "awscfn-ec2-instance-with-sg.json", "InstanceSecurityGroup" },
        { "awscfn-fargate-public-vpc.json", "PublicLoadBalancerSG" },
        { "cfnlint-quickstart-vpc-management.json", "rSecurityGroupPeered" },
        { "checkov-ec2-security-group.json", "TestSecurityGroup" },
    };

    [Theory]
    [MemberData(nameof(SharedGroups))]
    public void Propose_WhenARealTemplateIsEdited_ShouldOnlyInsertAnEntryIndentedLikeThePreviousOne(string file, string logicalId)
    {
        // Given: public templates in four styles (4 spaces, tabs with "[{", " : " single-line entries)
        var original = File.ReadAllText(DriftGuard.Core.Tests.Drift.CaseFiles.Shared("iac", "cfn-json", file));
        var path = Write(original);
        // When
        var proposal = CloudFormationCodifier.Propose(Https with { Resource = logicalId }, path);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.EditFile, proposal.Reason);
        var edited = proposal.Files.ShouldHaveSingleItem().Content;
        CodifyAssert.Inserted(original, edited);
        var list = Ingress(edited, logicalId);
        var added = list[list.GetArrayLength() - 1];
        added.GetProperty("CidrIp").GetString().ShouldBe("10.0.0.0/8");
        added.GetProperty("Description").GetString().ShouldBe("HTTPS: office");
    }
}
