using System.Text;
using static DriftGuard.Core.Tests.CloudFormation.CfnTestSupport;

namespace DriftGuard.Core.Tests.CloudFormation;

/// <summary>Large templates read completely; lookups are by dictionary, so cost grows with size, not size squared.</summary>
public sealed class CloudFormationScaleTests
{
    [Fact]
    public void Read_WhenThousandResources_ShouldAttachEveryStandaloneRule()
    {
        // Given 500 groups, each with two inline rules, and 500 standalone ingress resources targeting other groups
        const int groups = 500;
        var yaml = new StringBuilder("Parameters:\n  Cidr: {Type: String, Default: 10.0.0.0/8}\nResources:\n");
        for (var i = 0; i < groups; i++)
        {
            yaml.Append($"  G{i}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g{i}\n      SecurityGroupIngress:\n");
            yaml.Append("        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref Cidr}\n");
            yaml.Append($"        - {{IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: !Ref G{(i + 1) % groups}}}\n");
            yaml.Append($"  R{i}:\n    Type: AWS::EC2::SecurityGroupIngress\n");
            yaml.Append($"    Properties: {{GroupId: !GetAtt G{(i * 7) % groups}.GroupId, IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.{i % 250}.0.0/16}}\n");
        }

        // When read
        var doc = ReadText(yaml.ToString());

        // Then all 500 groups hold 3 rules each (7 is coprime with 500, so every group is targeted once)
        doc.Errors.ShouldBeEmpty();
        doc.Groups.Count.ShouldBe(groups);
        doc.Groups.ShouldAllBe(g => g.Rules.Count == 3);
    }

    [Fact]
    public void Read_WhenForEachLanguageExtension_ShouldWarnThatItIsNotExpanded()
    {
        // Given a Fn::ForEach resource block next to a plain group
        const string yaml = """
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Groups:
                - Name
                - [A, B]
                - "${Name}Sg": {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: x}}
              Plain:
                Type: AWS::EC2::SecurityGroup
                Properties: {GroupDescription: plain}
            """;

        // When read
        var doc = ReadText(yaml);

        // Then the plain group is read and a warning says ForEach was not expanded
        doc.Errors.ShouldBeEmpty();
        doc.Groups.ShouldHaveSingleItem().Key.ShouldBe("Plain");
        doc.Warnings.ShouldContain(w => w.Message.Contains("Fn::ForEach"));
    }
}
