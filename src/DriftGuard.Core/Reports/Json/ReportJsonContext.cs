using System.Text.Json.Serialization;

namespace DriftGuard.Core.Reports.Json;

/// <summary>
/// Source-generated serializer for the JSON report (no reflection): camelCase, string enums, indented,
/// nulls written so every documented property is always present.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
                             UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReportDto))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
