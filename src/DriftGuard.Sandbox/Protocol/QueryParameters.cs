using System.Globalization;

namespace DriftGuard.Sandbox.Protocol;

/// <summary>
/// The flat parameters of an EC2/STS Query request (<c>Action</c>, <c>IpPermissions.1.IpRanges.2.CidrIp</c>, …),
/// read from the query string and the form-encoded body. Lists are 1-based <c>Name.N</c> members; indexes need not
/// be contiguous, they are read in numeric order, as the Query protocol serialises lists.
/// </summary>
internal sealed class QueryParameters(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string? Get(string name) => Values.TryGetValue(name, out var v) ? v : null;

    public bool Has(string name) => Values.ContainsKey(name);

    public string Required(string name) =>
        Get(name) is { Length: > 0 } v ? v : throw SandboxFault.MissingParameter(name);

    public bool Flag(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);

    public int? Int(string name)
    {
        var raw = Get(name);
        if (raw is null) return null;
        return int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw SandboxFault.InvalidParameterValue($"Invalid value '{raw}' for {name}");
    }

    /// <summary>Prefixes <c>{prefix}.N</c> that have at least one member, in numeric order of N.</summary>
    public IReadOnlyList<string> Members(string prefix)
    {
        var head = prefix + ".";
        var indexes = new SortedSet<int>();
        foreach (var key in Values.Keys)
        {
            if (!key.StartsWith(head, StringComparison.Ordinal)) continue;
            var rest = key.AsSpan(head.Length);
            var dot = rest.IndexOf('.');
            var number = dot < 0 ? rest : rest[..dot];
            if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) indexes.Add(n);
        }
        return [.. indexes.Select(n => $"{head}{n.ToString(CultureInfo.InvariantCulture)}")];
    }

    /// <summary>The values of a list of scalars, <c>{prefix}.1</c>, <c>{prefix}.2</c>, … in order.</summary>
    public IReadOnlyList<string> List(string prefix) =>
        [.. Members(prefix).Select(Get).Where(v => v is not null).Select(v => v!)];

    public static QueryParameters Parse(string? query, string? body)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(values, query);
        Add(values, body);
        return new QueryParameters(values);
    }

    private static void Add(Dictionary<string, string> values, string? encoded)
    {
        if (string.IsNullOrEmpty(encoded)) return;
        foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(encoded))
            values[key] = value.ToString();
    }
}
