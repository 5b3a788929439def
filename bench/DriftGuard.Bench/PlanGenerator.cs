using System.Text;
using System.Text.Json;

namespace DriftGuard.Bench;

/// <summary>Writes synthetic but well-formed inputs: a Terraform plan JSON and a CloudFormation YAML template.</summary>
internal static class PlanGenerator
{
    /// <summary>A plan with <paramref name="groups"/> aws_security_group resources of <paramref name="rulesPerGroup"/> ingress rules each, in planned_values and resource_changes like real plans.</summary>
    public static void WritePlan(string path, int groups, int rulesPerGroup)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format_version", "1.2");
        w.WriteString("terraform_version", "1.9.8");
        w.WriteStartObject("planned_values");
        w.WriteStartObject("root_module");
        w.WriteStartArray("resources");
        for (var g = 0; g < groups; g++)
        {
            w.WriteStartObject();
            w.WriteString("address", $"aws_security_group.sg{g}");
            w.WriteString("mode", "managed");
            w.WriteString("type", "aws_security_group");
            w.WriteString("name", $"sg{g}");
            w.WriteString("provider_name", "registry.terraform.io/hashicorp/aws");
            w.WriteNumber("schema_version", 1);
            w.WritePropertyName("values");
            WriteGroupValues(w, g, rulesPerGroup);
            w.WriteStartObject("sensitive_values"); w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("resource_changes");
        for (var g = 0; g < groups; g++)
        {
            w.WriteStartObject();
            w.WriteString("address", $"aws_security_group.sg{g}");
            w.WriteString("mode", "managed");
            w.WriteString("type", "aws_security_group");
            w.WriteString("name", $"sg{g}");
            w.WriteString("provider_name", "registry.terraform.io/hashicorp/aws");
            w.WriteStartObject("change");
            w.WriteStartArray("actions"); w.WriteStringValue("create"); w.WriteEndArray();
            w.WriteNull("before");
            w.WritePropertyName("after");
            WriteGroupValues(w, g, rulesPerGroup);
            w.WriteStartObject("after_unknown");
            w.WriteBoolean("id", true); w.WriteBoolean("arn", true); w.WriteBoolean("owner_id", true);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteGroupValues(Utf8JsonWriter w, int g, int rules)
    {
        w.WriteStartObject();
        w.WriteString("name", $"sg-{g}");
        w.WriteString("description", $"generated group {g}");
        w.WriteString("vpc_id", "vpc-0bench0000000001");
        w.WriteStartArray("ingress");
        for (var r = 0; r < rules; r++)
        {
            w.WriteStartObject();
            // One group in a hundred opens SSH to the world, so policies have work to do.
            var world = g % 100 == 0 && r == 0;
            w.WriteStartArray("cidr_blocks"); w.WriteStringValue(world ? "0.0.0.0/0" : $"10.{g % 250}.{r}.0/24"); w.WriteEndArray();
            w.WriteString("description", $"rule {r}");
            w.WriteNumber("from_port", world ? 22 : 1000 + r);
            w.WriteStartArray("ipv6_cidr_blocks"); w.WriteEndArray();
            w.WriteStartArray("prefix_list_ids"); w.WriteEndArray();
            w.WriteString("protocol", "tcp");
            w.WriteStartArray("security_groups"); w.WriteEndArray();
            w.WriteBoolean("self", false);
            w.WriteNumber("to_port", world ? 22 : 1000 + r);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("egress"); w.WriteEndArray();
        w.WriteStartObject("tags"); w.WriteString("bench", "true"); w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A CloudFormation template of <paramref name="resources"/> security groups with 3 ingress rules each.</summary>
    public static void WriteTemplate(string path, int resources)
    {
        var sb = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  VpcId:\n    Type: String\n    Default: vpc-0bench\nResources:\n");
        for (var i = 0; i < resources; i++)
        {
            sb.Append($"  Group{i}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: !Sub \"group ${{AWS::StackName}} {i}\"\n      VpcId: !Ref VpcId\n      SecurityGroupIngress:\n");
            for (var r = 0; r < 3; r++)
                sb.Append($"        - IpProtocol: tcp\n          FromPort: {1000 + r}\n          ToPort: {1000 + r}\n          CidrIp: 10.{i % 250}.{r}.0/24\n          Description: rule {r}\n");
        }
        File.WriteAllText(path, sb.ToString());
    }
}
