using System.Text.Json.Nodes;
using Json.Schema;

namespace DriftGuard.Core.Tests.Reports;

/// <summary>Validates documents against the schemas in docs/schemas with JsonSchema.Net, formats enforced.</summary>
internal static class SchemaValidation
{
    private static readonly Lazy<JsonSchema> ReportSchema = new(() => Load("driftguard-report.schema.json"));
    private static readonly Lazy<JsonSchema> SarifSchema = new(() => JsonSchema.FromText(RepairSarifSchema(Read("sarif-2.1.0.json"))));

    public static void ShouldMatchReportSchema(string json) => ShouldMatch(ReportSchema.Value, json);

    public static void ShouldMatchSarifSchema(string json) => ShouldMatch(SarifSchema.Value, json);

    public static bool IsValidSarif(string json) => Evaluate(SarifSchema.Value, json).IsValid;

    public static bool IsValidReport(string json) => Evaluate(ReportSchema.Value, json).IsValid;

    private static EvaluationResults Evaluate(JsonSchema schema, string json) =>
        schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

    private static void ShouldMatch(JsonSchema schema, string json)
    {
        var result = Evaluate(schema, json);
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        result.IsValid.ShouldBeTrue("schema violations:\n" + string.Join('\n', errors.Take(20)));
    }

    private static JsonSchema Load(string fileName) => JsonSchema.FromText(Read(fileName));

    private static string Read(string fileName) => File.ReadAllText(Path.Combine(Golden.RepoRoot, "docs", "schemas", fileName));

    /// <summary>
    /// The official SARIF 2.1.0 schema (kept byte-for-byte in docs/schemas) declares region's
    /// <c>anyOf [startLine | charOffset | byteOffset]</c> inside <c>properties</c>, where an array is not a schema,
    /// and strict parsers such as JsonSchema.Net reject it. Moving it up one level applies it as its authors meant,
    /// which makes validation stricter, not looser.
    /// </summary>
    internal static string RepairSarifSchema(string schemaText)
    {
        var root = JsonNode.Parse(schemaText)!.AsObject();
        var region = root["definitions"]!["region"]!.AsObject();
        var properties = region["properties"]!.AsObject();
        if (properties["anyOf"] is JsonArray anyOf)
        {
            properties.Remove("anyOf");
            region["anyOf"] = anyOf;
        }
        return root.ToJsonString();
    }
}
