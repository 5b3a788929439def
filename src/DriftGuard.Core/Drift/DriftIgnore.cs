using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>
/// A <c>.driftguardignore</c> file: removes drifts from analysis (driftctl's <c>.driftignore</c>). It never waives
/// policy findings; that is <c>suppressions.yaml</c>'s job.
/// </summary>
/// <remarks>
/// Format, one pattern a line: <c>#</c> starts a comment; <c>*</c> matches any run of characters; a leading
/// <c>!</c> negates (re-includes); the last matching line wins. A pattern is either <c>GROUP</c> (the group and
/// all its rules) or <c>GROUP:DIRECTION:PROTOCOL:PORTS:SOURCE</c>, where GROUP is a <c>sg-</c> id or an IaC
/// resource address / logical id, DIRECTION is <c>ingress</c>/<c>egress</c>, PROTOCOL the canonical protocol
/// (<c>tcp</c>, <c>all</c>, <c>47</c>…), PORTS <c>22</c>, <c>20-25</c>, <c>all</c> (no ports) or <c>*</c>, and SOURCE the
/// canonical source (<c>0.0.0.0/0</c>, <c>::/0</c>, <c>pl-…</c>, <c>sg-…</c>). SOURCE is last so IPv6 colons need no escaping.
/// Example: <c>sg-0abc*:ingress:tcp:22:10.0.0.0/8</c>.
/// </remarks>
public sealed class DriftIgnore
{
    private readonly List<(Regex Group, Regex? Rule, bool Negate)> _patterns;

    private DriftIgnore(List<(Regex, Regex?, bool)> patterns, IReadOnlyList<Diagnostic> errors)
    {
        _patterns = patterns;
        Errors = errors;
    }

    /// <summary>An ignore file that ignores nothing.</summary>
    public static DriftIgnore Empty { get; } = new([], []);

    /// <summary>Lines that could not be read (empty pattern after <c>!</c>, too many fields).</summary>
    public IReadOnlyList<Diagnostic> Errors { get; }

    /// <summary>Number of patterns read.</summary>
    public int Count => _patterns.Count;

    /// <summary>Reads <paramref name="path"/>; a missing or unreadable file becomes an error, never an exception.</summary>
    public static DriftIgnore Load(string path)
    {
        try { return Parse(File.ReadAllText(path), path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new([], [new Diagnostic(path, 0, $"cannot read ignore file: {ex.Message}")]);
        }
    }

    /// <summary>Parses ignore-file text. <paramref name="file"/> names it in diagnostics.</summary>
    public static DriftIgnore Parse(string text, string file = ".driftguardignore")
    {
        var patterns = new List<(Regex, Regex?, bool)>();
        var errors = new List<Diagnostic>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var negate = line.StartsWith('!');
            if (negate) line = line[1..].Trim();
            if (line.Length == 0) { errors.Add(new Diagnostic(file, i + 1, "empty pattern after '!'")); continue; }
            var parts = line.Split(':', 5);
            if (parts.Length is not (1 or 5))
            {
                errors.Add(new Diagnostic(file, i + 1, $"pattern '{line}' must be GROUP or GROUP:DIRECTION:PROTOCOL:PORTS:SOURCE"));
                continue;
            }
            var group = Glob(parts[0]);
            var rule = parts.Length == 5 ? Glob(string.Join(':', parts[1..])) : null;
            patterns.Add((group, rule, negate));
        }
        return new DriftIgnore(patterns, errors);
    }

    /// <summary>True when the last pattern matching <paramref name="drift"/> is not negated.</summary>
    public bool IsIgnored(DriftItem drift)
    {
        var ignored = false;
        var ruleText = drift.Rule is null ? null : RuleText(drift.Rule);
        foreach (var (group, rule, negate) in _patterns)
        {
            if (!GroupMatches(group, drift)) continue;
            if (rule is not null && (ruleText is null || !rule.IsMatch(ruleText))) continue;
            ignored = !negate;
        }
        return ignored;
    }

    /// <summary>The <c>DIRECTION:PROTOCOL:PORTS:SOURCE</c> text a rule is matched against, e.g. <c>ingress:tcp:20-25:0.0.0.0/0</c>.</summary>
    public static string RuleText(SgRule rule) =>
        $"{rule.Direction.ToString().ToLowerInvariant()}:{rule.Protocol}:{PortsText(rule)}:{rule.Source.Canonical}";

    private static string PortsText(SgRule rule) => rule.FromPort is null && rule.ToPort is null
        ? "all"
        : rule.FromPort == rule.ToPort
            ? Num(rule.FromPort)
            : $"{Num(rule.FromPort)}-{Num(rule.ToPort)}";

    private static string Num(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "all";

    private static bool GroupMatches(Regex group, DriftItem drift) =>
        (drift.GroupId is not null && group.IsMatch(drift.GroupId)) || (drift.Resource is not null && group.IsMatch(drift.Resource));

    private static Regex Glob(string pattern)
    {
        var sb = new StringBuilder("^");
        foreach (var c in pattern) sb.Append(c == '*' ? ".*" : Regex.Escape(c.ToString()));
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
