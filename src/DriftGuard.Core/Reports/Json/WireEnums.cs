using System.Text.Json.Serialization;

namespace DriftGuard.Core.Reports.Json;

/// <summary>Severity on the wire: <c>critical</c>, <c>high</c>, <c>medium</c>, <c>low</c>, <c>none</c>.</summary>
public enum WireSeverity
{
    /// <summary>No severity.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>Low.</summary>
    [JsonStringEnumMemberName("low")] Low,
    /// <summary>Medium.</summary>
    [JsonStringEnumMemberName("medium")] Medium,
    /// <summary>High.</summary>
    [JsonStringEnumMemberName("high")] High,
    /// <summary>Critical.</summary>
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>The <c>--fail-on</c> threshold on the wire: a severity, or <c>never</c> when nothing fails the run.</summary>
public enum WireThreshold
{
    /// <summary>Every finding fails.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>Low and above.</summary>
    [JsonStringEnumMemberName("low")] Low,
    /// <summary>Medium and above.</summary>
    [JsonStringEnumMemberName("medium")] Medium,
    /// <summary>High and above.</summary>
    [JsonStringEnumMemberName("high")] High,
    /// <summary>Critical only.</summary>
    [JsonStringEnumMemberName("critical")] Critical,
    /// <summary>No finding fails the run.</summary>
    [JsonStringEnumMemberName("never")] Never,
}

/// <summary>Direction on the wire: <c>ingress</c> or <c>egress</c>.</summary>
public enum WireDirection
{
    /// <summary>Inbound.</summary>
    [JsonStringEnumMemberName("ingress")] Ingress,
    /// <summary>Outbound.</summary>
    [JsonStringEnumMemberName("egress")] Egress,
}

/// <summary>Drift kind on the wire, in driftctl's words.</summary>
public enum WireDriftKind
{
    /// <summary>A live rule no IaC declares.</summary>
    [JsonStringEnumMemberName("unmanaged")] Unmanaged,
    /// <summary>A declared rule that is not live.</summary>
    [JsonStringEnumMemberName("missing")] Missing,
    /// <summary>Same rule, another description.</summary>
    [JsonStringEnumMemberName("changed")] Changed,
    /// <summary>A live group no IaC declares.</summary>
    [JsonStringEnumMemberName("unmanaged-group")] UnmanagedGroup,
    /// <summary>A declared group that is gone.</summary>
    [JsonStringEnumMemberName("missing-group")] MissingGroup,
}
