using System.Text.Json.Serialization;

namespace DriftGuard.Core.Watch;

/// <summary>Source-generated JSON for the watch log and incident lines (no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
                             DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WatchDecision))]
[JsonSerializable(typeof(WatchIncidentLine))]
internal sealed partial class WatchJsonContext : JsonSerializerContext;
