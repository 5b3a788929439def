using System.Runtime.CompilerServices;
using System.Text.Json;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// Shares the strings a large plan repeats thousands of times (CIDR blocks, rule descriptions, resource types,
/// VPC ids): a repeated JSON string costs a lookup instead of a new string. Only short strings are pooled, and the
/// pool stops growing at a fixed size, so hostile input cannot make it large.
/// </summary>
internal sealed class Utf8StringPool
{
    private const int MaxLength = 96;
    private const int MaxEntries = 16_384;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Utf8StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string value of the reader's current String or PropertyName token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ref Utf8JsonReader r)
    {
        if (r.HasValueSequence || r.ValueSpan.Length > MaxLength) return r.GetString()!;
        Span<char> chars = stackalloc char[MaxLength];
        var text = chars[..r.CopyString(chars)];
        if (_lookup.TryGetValue(text, out var shared)) return shared;
        var s = new string(text);
        if (_strings.Count < MaxEntries) _strings[s] = s;
        return s;
    }
}
