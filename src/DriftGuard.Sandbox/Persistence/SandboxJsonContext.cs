using System.Text.Json.Serialization;

namespace DriftGuard.Sandbox.Persistence;

/// <summary>Source-generated JSON for the state file (no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SandboxStateDocument))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
