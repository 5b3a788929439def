using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared;

/// <summary>
/// A rule as written in IaC, before canonicalisation: any number of peers, ports possibly as strings,
/// values possibly unknown. <see cref="AtomicRuleFactory"/> turns it into atomic <see cref="SgRule"/>s.
/// </summary>
public sealed record RawRule
{
    /// <summary>Key of the owning group (address, logical id or <c>sg-</c> id).</summary>
    public required string Group { get; init; }
    /// <summary>Ingress or egress.</summary>
    public required Direction Direction { get; init; }
    /// <summary>Protocol as written (<c>tcp</c>, <c>6</c>, <c>-1</c>, <c>all</c>, …); null when missing; <see cref="RawValue.Unknown"/> when unresolved.</summary>
    public RawValue Protocol { get; init; } = RawValue.Missing;
    /// <summary>From port (or ICMP type) as written.</summary>
    public RawValue FromPort { get; init; } = RawValue.Missing;
    /// <summary>To port (or ICMP code) as written.</summary>
    public RawValue ToPort { get; init; } = RawValue.Missing;
    /// <summary>IPv4 CIDRs.</summary>
    public IReadOnlyList<RawValue> Cidrs { get; init; } = [];
    /// <summary>IPv6 CIDRs.</summary>
    public IReadOnlyList<RawValue> Ipv6Cidrs { get; init; } = [];
    /// <summary>Prefix list ids.</summary>
    public IReadOnlyList<RawValue> PrefixLists { get; init; } = [];
    /// <summary>Referenced security groups (ids, names, IaC references).</summary>
    public IReadOnlyList<RawValue> Groups { get; init; } = [];
    /// <summary><c>self = true</c>.</summary>
    public bool Self { get; init; }
    /// <summary>Description.</summary>
    public string? Description { get; init; }
    /// <summary>Where the rule is written.</summary>
    public required SourceLocation Origin { get; init; }
    /// <summary>A whole peer list is unknown (e.g. <c>cidr_blocks</c> in <c>after_unknown</c>): kind of that list.</summary>
    public IReadOnlyList<string> UnknownSourceKinds { get; init; } = [];
}

/// <summary>A scalar as written in IaC: a known text, missing, or known only after apply.</summary>
/// <param name="Text">The text (numbers as invariant text); null when missing or unknown.</param>
/// <param name="IsUnknown">True when the value is known only after apply.</param>
/// <param name="Expression">The unresolved expression, for messages.</param>
public readonly record struct RawValue(string? Text, bool IsUnknown = false, string? Expression = null)
{
    /// <summary>No value.</summary>
    public static RawValue Missing => default;
    /// <summary>A value known only after apply.</summary>
    public static RawValue Unknown(string expression) => new(null, true, expression);
    /// <summary>A known value.</summary>
    public static RawValue Of(string? text) => new(text);
    /// <summary>True when there is no value at all.</summary>
    public bool IsMissing => Text is null && !IsUnknown;
    /// <inheritdoc />
    public override string ToString() => IsUnknown ? $"unknown({Expression})" : Text ?? "";
}
