using System.Text;
using DriftGuard.Core.Declared;
using DriftGuard.Core.Declared.Terraform;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Terraform;

/// <summary>Locates ../shared/cases and writes small inline fixtures to temporary files.</summary>
internal static class TerraformFixtures
{
    private static readonly Lazy<string> Root = new(() => DriftGuard.Tests.RepoPaths.Root);

    /// <summary>../shared/cases relative to the repository root.</summary>
    public static string Cases => Path.GetFullPath(Path.Combine(Root.Value, "..", "shared", "cases"));

    public static string Case(params string[] parts) => Path.Combine([Cases, .. parts]);

    public static readonly ReaderOptions Options = new();

    public static DeclaredDocument ReadPlan(string json, ReaderOptions? options = null) =>
        new TerraformPlanReader().Read(Encoding.UTF8.GetBytes(json), "plan.json", options ?? Options);

    public static DeclaredDocument ReadState(string json) =>
        new TerraformStateReader().Read(Encoding.UTF8.GetBytes(json), "terraform.tfstate", Options);

    public static DeclaredDocument ReadTfJson(string json) =>
        new TerraformJsonConfigReader().Read(Encoding.UTF8.GetBytes(json), "main.tf.json", Options);

    /// <summary>A plan (format 1.2) with the given planned resources and resource_changes.</summary>
    public static string Plan(string plannedResources, string resourceChanges = "", string extra = "", string formatVersion = "1.2") => $$"""
        {
          "format_version": "{{formatVersion}}",
          "terraform_version": "1.9.5",
          "planned_values": { "root_module": { "resources": [ {{plannedResources}} ] } },
          "resource_changes": [ {{resourceChanges}} ]{{extra}}
        }
        """;

    /// <summary>One planned aws_security_group with the given ingress list JSON.</summary>
    public static string PlannedGroup(string name, string ingress, string egress = "[]", string type = "aws_security_group", string id = "null") => $$"""
        {
          "address": "{{type}}.{{name}}", "mode": "managed", "type": "{{type}}", "name": "{{name}}",
          "values": { "id": {{id}}, "name": "{{name}}", "ingress": {{ingress}}, "egress": {{egress}} }
        }
        """;

    public static string Block(string protocol, int from, int to, string cidrs = "\"10.0.0.0/8\"", string extra = "") => $$"""
        { "protocol": "{{protocol}}", "from_port": {{from}}, "to_port": {{to}}, "cidr_blocks": [{{cidrs}}], "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": false, "description": ""{{extra}} }
        """;
}
