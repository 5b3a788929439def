using System.Text.RegularExpressions;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// The <c>Filter.N.Name</c> / <c>Filter.N.Value.M</c> parameters of a Describe call. Filters are ANDed, the values
/// of one filter ORed; values may use <c>*</c> (any run) and <c>?</c> (one character) wildcards; names are checked
/// against the action's documented list (unknown → <c>InvalidParameterValue</c> "The filter 'x' is invalid").
/// </summary>
internal sealed class Filters
{
    private readonly List<(string Name, Regex[] Patterns)> _filters = [];

    private Filters() { }

    public IEnumerable<string> Names => _filters.Select(f => f.Name);

    public static Filters Read(QueryParameters p, Func<string, bool> isKnownName)
    {
        var filters = new Filters();
        foreach (var member in p.Members("Filter"))
        {
            var name = p.Get($"{member}.Name") ?? throw SandboxFault.MissingParameter($"{member}.Name");
            if (!isKnownName(name)) throw SandboxFault.InvalidParameterValue($"The filter '{name}' is invalid");
            var patterns = p.List($"{member}.Value").Select(ToRegex).ToArray();
            filters._filters.Add((name, patterns));
        }
        return filters;
    }

    /// <summary>True when, for every filter, one of the item's values for that filter name matches one of its values.</summary>
    public bool Match(Func<string, IEnumerable<string>> valuesOf) =>
        _filters.All(f => valuesOf(f.Name).Any(v => f.Patterns.Any(p => p.IsMatch(v))));

    private static Regex ToRegex(string value) =>
        new("^" + Regex.Escape(value).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant);
}
