using System.Text;
using System.Text.Json;
using CsCheck;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.CloudFormation.CfnTestSupport;

namespace DriftGuard.Core.Tests.CloudFormation;

/// <summary>Property: a template means the same whether written in YAML (short-form tags) or JSON (long form).</summary>
public sealed class CloudFormationYamlJsonPropertyTests
{
    private sealed record GenRule(string Protocol, int From, int To, int PeerKind, int PeerValue, bool QuotedPorts, bool Described);

    private sealed record GenGroup(GenRule[] Ingress, GenRule[]? Egress);

    private static readonly Gen<GenRule> Rule =
        Gen.Select(Gen.OneOfConst("tcp", "udp", "icmp", "-1", "6", "17", "58", "47"), Gen.Int[-1, 1024], Gen.Int[0, 2000],
                   Gen.Int[0, 7], Gen.Int[0, 200], Gen.Bool, Gen.Bool)
           .Select(t => new GenRule(t.Item1, t.Item2, Math.Max(t.Item2, t.Item3), t.Item4, t.Item5, t.Item6, t.Item7));

    private static readonly Gen<GenGroup[]> Template =
        Gen.Select(Rule.Array[0, 4], Gen.Bool, Rule.Array[0, 3])
           .Select(t => new GenGroup(t.Item1, t.Item2 ? t.Item3 : null))
           .Array[1, 4];

    [Fact]
    public void Read_WhenSameTemplateRenderedAsYamlAndJson_ShouldYieldEqualRules()
    {
        Template.Sample(groups =>
        {
            // Given one generated template, rendered both ways
            var yaml = RenderYaml(groups);
            var json = RenderJson(groups);

            // When both are read
            var fromYaml = ReadText(yaml, name: "t.yaml");
            var fromJson = ReadText(json, name: "t.json");

            // Then every group is read, and rules, descriptions, egress defaults and diagnostics agree
            fromYaml.Groups.Count.ShouldBe(groups.Length);
            Summary(fromYaml).ShouldBe(Summary(fromJson), yaml + "\n----\n" + json);
        }, iter: 200);
    }

    private static string[] Summary(DeclaredDocument doc) =>
    [
        .. doc.Groups.Select(g => $"group {g.Key} egressDeclared={g.EgressDeclared} style={g.Style}"),
        .. doc.Groups.SelectMany(g => g.Rules).Select(r => $"rule {r.Key} | {r.Description} | {r.PortsUnknown}").Order(StringComparer.Ordinal),
        .. doc.Errors.Select(e => "error " + e.Message).Order(StringComparer.Ordinal),
        .. doc.Warnings.Select(e => "warning " + e.Message).Order(StringComparer.Ordinal),
    ];

    // Peer kinds: 0 IPv4 literal, 1 IPv6 literal, 2 prefix list, 3 Ref group, 4 GetAtt group, 5 Ref parameter,
    // 6 Sub over a parameter, 7 If over a condition.
    private static (string Field, string Yaml, string Json) Peer(GenRule r, int groups, bool ingress)
    {
        var v = r.PeerValue;
        var other = $"G{v % groups}";
        var groupField = ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
        return r.PeerKind switch
        {
            0 => ("CidrIp", $"'10.{v}.0.0/16'", J($"10.{v}.0.0/16")),
            1 => ("CidrIpv6", $"'2001:db8:{v:x}::/48'", J($"2001:db8:{v:x}::/48")),
            2 => (ingress ? "SourcePrefixListId" : "DestinationPrefixListId", $"pl-{v:x8}", J($"pl-{v:x8}")),
            3 => (groupField, $"!Ref {other}", $"{{\"Ref\": {J(other)}}}"),
            4 => (groupField, $"!GetAtt {other}.GroupId", $"{{\"Fn::GetAtt\": [{J(other)}, \"GroupId\"]}}"),
            5 => ("CidrIp", "!Ref Cidr", "{\"Ref\": \"Cidr\"}"),
            6 => ("CidrIp", $"!Sub '${{Net}}.{v}.0/24'", $"{{\"Fn::Sub\": {J("${Net}." + v + ".0/24")}}}"),
            _ => ("CidrIp", $"!If [IsProd, '10.{v}.0.0/16', !Ref Cidr]", $"{{\"Fn::If\": [\"IsProd\", {J($"10.{v}.0.0/16")}, {{\"Ref\": \"Cidr\"}}]}}"),
        };
    }

    private static string J(string text) => JsonSerializer.Serialize(text);

    private static string RenderYaml(GenGroup[] groups)
    {
        var sb = new StringBuilder("""
            AWSTemplateFormatVersion: '2010-09-09'
            Parameters:
              Cidr: {Type: String, Default: 172.16.0.0/12}
              Net: {Type: String, Default: '10.20'}
              Env: {Type: String, Default: prod}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:

            """);
        for (var g = 0; g < groups.Length; g++)
        {
            sb.Append($"  G{g}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: group {g}\n");
            Rules("SecurityGroupIngress", groups[g].Ingress, true);
            if (groups[g].Egress is { } egress) Rules("SecurityGroupEgress", egress, false);
        }
        return sb.ToString();

        void Rules(string property, GenRule[] rules, bool ingress)
        {
            sb.Append($"      {property}:{(rules.Length == 0 ? " []" : "")}\n");
            foreach (var r in rules)
            {
                var (field, yaml, _) = Peer(r, groups.Length, ingress);
                sb.Append($"        - IpProtocol: '{r.Protocol}'\n");
                sb.Append(r.QuotedPorts ? $"          FromPort: '{r.From}'\n          ToPort: \"{r.To}\"\n" : $"          FromPort: {r.From}\n          ToPort: {r.To}\n");
                sb.Append($"          {field}: {yaml}\n");
                if (r.Described) sb.Append("          Description: !Sub 'rule in ${Env} from ${G0}'\n");
            }
        }
    }

    private static string RenderJson(GenGroup[] groups)
    {
        var sb = new StringBuilder("""
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Parameters": {
                "Cidr": {"Type": "String", "Default": "172.16.0.0/12"},
                "Net": {"Type": "String", "Default": "10.20"},
                "Env": {"Type": "String", "Default": "prod"}
              },
              "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
              "Resources": {
            """);
        for (var g = 0; g < groups.Length; g++)
        {
            if (g > 0) sb.Append(',');
            sb.Append($"\n    \"G{g}\": {{\"Type\": \"AWS::EC2::SecurityGroup\", \"Properties\": {{\"GroupDescription\": \"group {g}\",\n");
            Rules("SecurityGroupIngress", groups[g].Ingress, true);
            if (groups[g].Egress is { } egress)
            {
                sb.Append(",\n");
                Rules("SecurityGroupEgress", egress, false);
            }
            sb.Append("}}");
        }
        sb.Append("\n  }\n}\n");
        return sb.ToString();

        void Rules(string property, GenRule[] rules, bool ingress)
        {
            sb.Append($"      \"{property}\": [");
            for (var i = 0; i < rules.Length; i++)
            {
                var r = rules[i];
                var (field, _, json) = Peer(r, groups.Length, ingress);
                if (i > 0) sb.Append(',');
                sb.Append($"\n        {{\"IpProtocol\": {J(r.Protocol)}, ");
                sb.Append(r.QuotedPorts ? $"\"FromPort\": \"{r.From}\", \"ToPort\": \"{r.To}\", " : $"\"FromPort\": {r.From}, \"ToPort\": {r.To}, ");
                sb.Append($"\"{field}\": {json}");
                if (r.Described) sb.Append(", \"Description\": {\"Fn::Sub\": \"rule in ${Env} from ${G0}\"}");
                sb.Append('}');
            }
            sb.Append(']');
        }
    }
}
