using System.Globalization;
using System.Text.Json;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>A resource's values that do not have the shape the Terraform schema gives them.</summary>
internal sealed class TerraformShapeException(string message) : Exception(message);

/// <summary>A list attribute as read: its known items, or the whole list unknown until apply.</summary>
internal readonly record struct TfList(IReadOnlyList<RawValue> Items, bool WholeUnknown);

/// <summary>
/// One object of Terraform values with its <c>after_unknown</c> twin (plan) and the rule for <c>${…}</c>
/// strings (configuration, where an interpolation is not evaluated). Values follow the Terraform JSON output
/// format (https://developer.hashicorp.com/terraform/internals/json-format): an attribute is unknown when
/// its <c>after_unknown</c> entry is <c>true</c>; a list's <c>after_unknown</c> is a parallel array.
/// </summary>
/// <param name="Values">The object (<c>values</c>, <c>attributes</c>, <c>after</c>, or a configuration body).</param>
/// <param name="Unknown">The matching <c>after_unknown</c> value, or default when none.</param>
/// <param name="Interpolation">True for configuration: any string containing <c>${</c> is unknown.</param>
internal readonly record struct TfObject(JsonElement Values, JsonElement Unknown, bool Interpolation)
{
    /// <summary>True when the attribute is marked unknown as a whole.</summary>
    public bool IsUnknown(string name) =>
        Unknown.ValueKind == JsonValueKind.Object && Unknown.TryGetProperty(name, out var u) && u.ValueKind == JsonValueKind.True;

    /// <summary>The raw value, or default when absent.</summary>
    public JsonElement Get(string name) =>
        Values.ValueKind == JsonValueKind.Object && Values.TryGetProperty(name, out var v) ? v : default;

    /// <summary>The <c>after_unknown</c> part for an attribute, or default.</summary>
    public JsonElement UnknownOf(string name) =>
        Unknown.ValueKind == JsonValueKind.Object && Unknown.TryGetProperty(name, out var u) ? u : default;

    /// <summary>True when the attribute is present and not null.</summary>
    public bool Has(string name) => Get(name).ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    /// <summary>A scalar attribute: string, number or bool as invariant text; unknown per <c>after_unknown</c> or <c>${…}</c>.</summary>
    public RawValue Scalar(string name)
    {
        if (IsUnknown(name)) return RawValue.Unknown($"{name} (known after apply)");
        return ScalarOf(Get(name), name, Interpolation);
    }

    /// <summary>Known text of a string attribute (null when absent, null, unknown or interpolated).</summary>
    public string? Text(string name)
    {
        if (IsUnknown(name)) return null;
        var v = Get(name);
        return v.ValueKind == JsonValueKind.String && !(Interpolation && IsInterpolated(v.GetString())) ? v.GetString() : null;
    }

    /// <summary>A list of scalars. A list given as one <c>${…}</c> string, or marked unknown, is unknown as a whole.</summary>
    public TfList List(string name)
    {
        if (IsUnknown(name)) return new([], true);
        var v = Get(name);
        switch (v.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return new(NoValues, false);
            case JsonValueKind.String when Interpolation && IsInterpolated(v.GetString()):
                return new(NoValues, true);
            case JsonValueKind.Array:
                var unknown = UnknownOf(name);
                if (v.GetArrayLength() == 0 && unknown.ValueKind != JsonValueKind.Array) return new(NoValues, false);
                var items = new List<RawValue>(v.GetArrayLength());
                var i = 0;
                foreach (var item in v.EnumerateArray())
                {
                    var itemUnknown = unknown.ValueKind == JsonValueKind.Array && i < unknown.GetArrayLength() && unknown[i].ValueKind == JsonValueKind.True;
                    if (itemUnknown) items.Add(RawValue.Unknown($"{name}[{i}] (known after apply)"));
                    else if (item.ValueKind != JsonValueKind.Null) items.Add(ScalarOf(item, $"{name}[{i}]", Interpolation));
                    i++;
                }
                // after_unknown may list unknown items beyond the known ones (Terraform omits nothing, but be safe)
                if (unknown.ValueKind == JsonValueKind.Array)
                    for (var j = i; j < unknown.GetArrayLength(); j++)
                        if (unknown[j].ValueKind == JsonValueKind.True) items.Add(RawValue.Unknown($"{name}[{j}] (known after apply)"));
                return new(items, false);
            default:
                throw new TerraformShapeException($"{name} must be a list, got {Describe(v)}");
        }
    }

    /// <summary>A bool attribute such as <c>self</c>: (value, unknown).</summary>
    public (bool Value, bool Unknown) Flag(string name)
    {
        if (IsUnknown(name)) return (false, true);
        var v = Get(name);
        return v.ValueKind switch
        {
            JsonValueKind.True => (true, false),
            JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => (false, false),
            JsonValueKind.String when Interpolation && IsInterpolated(v.GetString()) => (false, true),
            JsonValueKind.String when bool.TryParse(v.GetString(), out var b) => (b, false),
            _ => throw new TerraformShapeException($"{name} must be true or false, got {Describe(v)}"),
        };
    }

    /// <summary>A string → string map (tags); other values are skipped.</summary>
    public IReadOnlyDictionary<string, string> Map(string name)
    {
        var v = Get(name);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (v.ValueKind != JsonValueKind.Object) return map;
        foreach (var p in v.EnumerateObject())
            if (p.Name != "//" && p.Value.ValueKind == JsonValueKind.String) map[p.Name] = p.Value.GetString()!;
        return map;
    }

    /// <summary>A child object with its own <c>after_unknown</c> part.</summary>
    public TfObject Child(JsonElement values, JsonElement unknown) => this with { Values = values, Unknown = unknown };

    public static bool IsInterpolated(string? s) => s is not null && s.Contains("${", StringComparison.Ordinal);

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a bool",
        _ => "null",
    };

    private static readonly IReadOnlyList<RawValue> NoValues = [];

    // Large plans repeat the same protocol names and port numbers: share their strings instead of allocating each.
    private static readonly string[] Protocols = ["tcp", "udp", "icmp", "icmpv6", "-1", "all", "6", "17", "1", "58"];
    private static readonly string?[] SmallNumbers = new string?[65537];

    private static string Common(JsonElement v)
    {
        foreach (var p in Protocols)
            if (v.ValueEquals(p)) return p;
        return v.GetString()!;
    }

    private static string Number(JsonElement v)
    {
        if (v.TryGetInt32(out var n) && n is >= -1 and <= 65535) return SmallNumberText(n);
        return v.GetRawText();
    }

    /// <summary>Shared invariant text of a number from -1 to 65535 (ports, ICMP type/code).</summary>
    internal static string SmallNumberText(int n) => SmallNumbers[n + 1] ??= n.ToString(CultureInfo.InvariantCulture);

    private static RawValue ScalarOf(JsonElement v, string name, bool interpolation) => v.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => RawValue.Missing,
        JsonValueKind.String when interpolation && IsInterpolated(v.GetString()) => RawValue.Unknown(v.GetString()!),
        JsonValueKind.String => RawValue.Of(Common(v)),
        JsonValueKind.Number => RawValue.Of(Number(v)),
        JsonValueKind.True => RawValue.Of("true"),
        JsonValueKind.False => RawValue.Of("false"),
        _ => throw new TerraformShapeException($"{name} must be a single value, got {Describe(v)}"),
    };

    internal static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
