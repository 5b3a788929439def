using System.Text.Json.Nodes;
using Json.Schema;

namespace DriftGuard.Core.Tests.Reports;

/// <summary>Validates documents against the schemas in docs/schemas with JsonSchema.Net, formats enforced.</summary>
internal static class SchemaValidation
{
    private static readonly Lazy<JsonSchema> ReportSchema = new(() => Load("driftguard-report.schema.json"));
    private static readonly Lazy<JsonSchema> SarifSchema = new(() => Load("sarif-2.1.0.json"));

    public static void ShouldMatchReportSchema(string json) => ShouldMatch(ReportSchema.Value, json);

    public static void ShouldMatchSarifSchema(string json) => ShouldMatch(SarifSchema.Value, json);

    private static void ShouldMatch(JsonSchema schema, string json)
    {
        var result = schema.Evaluate(JsonNode.Parse(json),
                                     new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        result.IsValid.ShouldBeTrue("schema violations:\n" + string.Join('\n', errors.Take(20)));
    }

    private static JsonSchema Load(string fileName) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Golden.RepoRoot, "docs", "schemas", fileName)));
}
