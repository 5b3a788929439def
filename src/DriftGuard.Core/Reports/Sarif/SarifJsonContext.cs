using System.Text.Json.Serialization;

namespace DriftGuard.Core.Reports.Sarif;

/// <summary>Source-generated serializer for SARIF: camelCase, indented, nulls omitted (the schema allows few nulls).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
                             DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SarifLog))]
internal sealed partial class SarifJsonContext : JsonSerializerContext;
