using System.Text.Json.Serialization;

namespace DriftGuard.Core.Ledger;

/// <summary>Source-generated serializer for ledger lines: camelCase, lower-case enum names, nulls left out, one line per entry.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
                             UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LedgerEntry))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
