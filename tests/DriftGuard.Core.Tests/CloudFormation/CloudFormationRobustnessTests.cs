using System.Diagnostics;
using System.Text;
using DriftGuard.Core.Declared;
using DriftGuard.Core.Declared.CloudFormation;
using static DriftGuard.Core.Tests.CloudFormation.CfnTestSupport;

namespace DriftGuard.Core.Tests.CloudFormation;

/// <summary>Hostile and broken input: every problem is a diagnostic, never an exception, in bounded time.</summary>
public sealed class CloudFormationRobustnessTests
{
    private const string ValidGroup = """
          Good:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: good
              SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}]
        """;

    [Fact]
    public void Read_WhenYamlAliasBomb_ShouldFailFastWithDiagnostic()
    {
        // Given a "billion laughs" document: nine levels of ten aliases each
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        yaml.Append("Resources: {}\n");

        // When read
        var clock = Stopwatch.StartNew();
        var doc = ReadText(yaml.ToString());

        // Then it stops with one alias diagnostic, within a second
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("alias expansions");
        doc.Groups.ShouldBeEmpty();
    }

    [Fact]
    public void Read_WhenFewAliasesWithinLimit_ShouldShareTheAnchoredValue()
    {
        // Given a rule mapping anchored once and aliased in a second group
        const string yaml = """
            Resources:
              A:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: a
                  SecurityGroupIngress: [&https {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}]
              B:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: b
                  SecurityGroupIngress: [*https]
            """;

        // When read, Then both groups have the rule
        var doc = ReadText(yaml);
        doc.Errors.ShouldBeEmpty();
        doc.Group("B").RuleTexts().ShouldBe(["ingress tcp 443-443 10.0.0.0/8"]);
    }

    [Fact]
    public void Read_WhenAliasWouldNestBeyondDepthLimit_ShouldReportDepth()
    {
        // Given an anchor 40 levels deep, aliased 40 levels deep, with MaxDepth 64
        var deep = new string('[', 40) + "x" + new string(']', 40);
        var yaml = $"a: &deep {deep}\nb: {new string('[', 40)}*deep{new string(']', 40)}\nResources: {{}}\n";

        // When read
        var doc = ReadText(yaml, new ReaderOptions { MaxDepth = 64 });

        // Then the expansion depth is refused
        doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("deeper than 64");
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_WhenNested100000Deep_ShouldReportDepthWithoutStackOverflow(string format)
    {
        // Given nesting 100,000 levels deep inside a resource's properties
        const int depth = 100_000;
        var text = format == "json"
            ? "{\"Resources\": {\"X\": {\"Type\": \"AWS::EC2::SecurityGroup\", \"Properties\": " + new string('[', depth) + new string(']', depth) + "}}}"
            : "Resources:\n  X:\n    Type: AWS::EC2::SecurityGroup\n    Properties: " + new string('[', depth) + new string(']', depth) + "\n";

        // When read
        var doc = ReadText(text, name: "deep." + format);

        // Then one error reports the nesting limit with its line
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("nesting deeper than 256");
        error.Line.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Read_WhenMalformedYaml_ShouldReportLine()
    {
        // Given an unclosed flow sequence on line 4
        const string yaml = "Resources:\n  X:\n    Type: AWS::EC2::SecurityGroup\n    Properties: {SecurityGroupIngress: [\n";

        // When read
        var doc = ReadText(yaml);

        // Then one error says invalid YAML, with a line
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldStartWith("invalid YAML");
        error.Line.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void Read_WhenMalformedJson_ShouldReportLine()
    {
        // Given a missing comma on line 3
        const string json = "{\n  \"Resources\": {\n    \"X\": {\"Type\": \"AWS::EC2::SecurityGroup\"} \"Y\": {}\n  }\n}\n";

        // When read as a .json file
        var doc = ReadText(json, name: "bad.json");

        // Then one error says invalid JSON at line 3
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldStartWith("invalid JSON");
        error.Line.ShouldBe(3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Read_WhenEmpty_ShouldReportEmptyFile(string text)
    {
        // Given an empty template
        // When read
        var doc = ReadText(text);

        // Then an error says the file is empty
        doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("empty file");
    }

    [Fact]
    public void Read_WhenBinaryFile_ShouldReportBinary()
    {
        // Given a file of binary bytes
        var path = Path.Combine(Path.GetTempPath(), $"dg-cfn-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0xFE, 0x00]);
        try
        {
            // When read
            var doc = new CloudFormationReader().Read(path, "a.out.yaml", new ReaderOptions());

            // Then one error says binary
            doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("binary file");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Read_WhenUtf16WithByteOrderMark_ShouldReadTheTemplate()
    {
        // Given a template saved as UTF-16LE with a BOM (PowerShell redirect)
        var path = Path.Combine(Path.GetTempPath(), $"dg-cfn-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "Resources:\n" + ValidGroup, new UnicodeEncoding(false, true));
        try
        {
            // When read
            var doc = new CloudFormationReader().Read(path, "utf16.yaml", new ReaderOptions());

            // Then the group is found
            doc.Errors.ShouldBeEmpty();
            doc.Group("Good").RuleTexts().ShouldBe(["ingress tcp 443-443 10.0.0.0/8"]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Read_WhenMissingFile_ShouldReportIt()
    {
        // Given a path that does not exist
        // When read
        var doc = new CloudFormationReader().Read("/nonexistent/template.yaml", "template.yaml", new ReaderOptions());

        // Then one error says so
        doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("not found");
    }

    [Theory]
    [InlineData("yaml", "Resources:\n  X:\n    Type: AWS::EC2::SecurityGroup\n    Type: AWS::EC2::VPC\n", 4)]
    [InlineData("json", "{\"Resources\": {\n\"X\": {\"Type\": \"AWS::EC2::SecurityGroup\",\n\"Type\": \"AWS::EC2::VPC\"}}}", 3)]
    public void Read_WhenDuplicateKey_ShouldReportItsLine(string format, string text, int line)
    {
        // Given a mapping with a key written twice
        // When read
        var doc = ReadText(text, name: "dup." + format);

        // Then the duplicate is an error at the second key's line
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("duplicate key 'Type'");
        error.Line.ShouldBe(line);
    }

    [Fact]
    public void Read_WhenPropertiesIsAList_ShouldReportAndReadOtherResources()
    {
        // Given a group whose Properties is a list, next to a valid group
        var yaml = "Resources:\n  Bad:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      - GroupDescription: x\n" + ValidGroup;

        // When read
        var doc = ReadText(yaml);

        // Then the bad resource is an error naming it, and the good group is still read
        var error = doc.Errors.ShouldHaveSingleItem();
        (error.Resource, error.Line).ShouldBe(("Bad", 5));
        error.Message.ShouldContain("Properties must be a mapping");
        doc.Group("Good").Rules.Count.ShouldBe(1);
    }

    [Fact]
    public void Read_WhenSecurityGroupIngressIsAString_ShouldReportAndKeepTheGroup()
    {
        // Given SecurityGroupIngress: "tcp 22" (a string, not a list)
        var yaml = "Resources:\n  Bad:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress: tcp 22\n" + ValidGroup;

        // When read
        var doc = ReadText(yaml);

        // Then one error names the resource and the property; both groups exist
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Resource.ShouldBe("Bad");
        error.Message.ShouldContain("SecurityGroupIngress must be a list");
        doc.Groups.Select(g => g.Key).ShouldBe(["Bad", "Good"]);
    }

    [Theory]
    [InlineData("- a\n- b\n", "must be a mapping")]
    [InlineData("AWSTemplateFormatVersion: '2010-09-09'\n", "no Resources")]
    [InlineData("Resources: [a, b]\n", "no Resources")]
    [InlineData("Resources:\n  X: just text\n", "must be a mapping with Type")]
    [InlineData("Resources:\n  X: {Properties: {}}\n", "no Type")]
    [InlineData("Resources:\n  X: {Type: AWS::EC2::SecurityGroupIngress, Properties: {IpProtocol: tcp}}\n", "needs GroupId or GroupName")]
    [InlineData("Resources:\n  X: {Type: AWS::EC2::SecurityGroup, Properties: {SecurityGroupIngress: [tcp]}}\n", "must be a mapping of rule properties")]
    [InlineData("Resources:\n  X: {Type: AWS::EC2::SecurityGroup, Properties: {SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: [a, b]}]}}\n", "must be a single value")]
    [InlineData("Resources:\n  X: {Type: AWS::EC2::SecurityGroup, Properties: {SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !If [Nope, a, b]}]}}\n", "condition 'Nope' is not defined")]
    [InlineData("Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  X: {Type: AWS::EC2::SecurityGroup, Condition: A}\n", "refers to itself")]
    [InlineData("Resources:\n  X: {Type: AWS::EC2::SecurityGroup, Properties: {SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Select [5, [a]]}]}}\n", "outside the list")]
    [InlineData("Resources:\n  X: {Type: AWS::EC2::SecurityGroup, Properties: {SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !FindInMap [M, a, b]}]}}\n", "no value at M/a/b")]
    [InlineData("Resources:\n  ? [a]\n  : x\n", "keys must be scalars")]
    [InlineData("a: *nothing\nResources: {}\n", "refers to no anchor")]
    public void Read_WhenShapeIsWrong_ShouldReportClearError(string yaml, string message)
    {
        // Given a template with a wrong shape
        // When read
        var doc = ReadText(yaml);

        // Then an error explains it
        doc.Errors.ShouldContain(e => e.Message.Contains(message), string.Join(" | ", doc.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Read_WhenPropertiesLeftEmpty_ShouldReadGroupWithoutRules()
    {
        // Given "Properties:" with nothing under it
        // When read
        var doc = ReadText("Resources:\n  Empty:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n");

        // Then the group exists, has no rules, and keeps EC2's default egress
        doc.Errors.ShouldBeEmpty();
        doc.Group("Empty").Rules.ShouldBeEmpty();
        doc.Group("Empty").EgressDeclared.ShouldBeFalse();
    }

    [Fact]
    public void Read_WhenFileExceedsMaxBytes_ShouldRefuseIt()
    {
        // Given a file larger than MaxFileBytes
        var path = Path.Combine(Path.GetTempPath(), $"dg-cfn-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "Resources:\n" + ValidGroup);
        try
        {
            // When read with a 10-byte limit
            var doc = new CloudFormationReader().Read(path, "big.yaml", new ReaderOptions { MaxFileBytes = 10 });

            // Then it is refused with the limit in the message
            doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("10-byte limit");
        }
        finally { File.Delete(path); }
    }
}
