using System.Globalization;
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
    /// <summary>Largest ignore file read, in bytes (1 MiB): a longer one is an error, never a slow run.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Longest pattern, in characters, after trimming.</summary>
    public const int MaxPatternLength = 1024;

    private readonly List<(WildcardPattern Group, WildcardPattern? Rule, bool Negate)> _patterns;

    private DriftIgnore(List<(WildcardPattern, WildcardPattern?, bool)> patterns, IReadOnlyList<Diagnostic> errors, IReadOnlyList<Diagnostic> warnings)
    {
        _patterns = patterns;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>An ignore file that ignores nothing.</summary>
    public static DriftIgnore Empty { get; } = new([], [], []);

    /// <summary>
    /// Problems that make the file unusable (exit code 2): unreadable, binary, larger than <see cref="MaxFileBytes"/>,
    /// a pattern longer than <see cref="MaxPatternLength"/>, an empty pattern after <c>!</c>, 2 to 4 fields.
    /// </summary>
    public IReadOnlyList<Diagnostic> Errors { get; }

    /// <summary>Patterns that can never match (an empty or unknown direction, a protocol not in canonical form, invalid ports), by line.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>Number of patterns read.</summary>
    public int Count => _patterns.Count;

    /// <summary>
    /// Reads <paramref name="path"/> (UTF-8, or UTF-16 with a byte-order mark); a missing, unreadable, binary or
    /// over-large file becomes one error, never an exception.
    /// </summary>
    public static DriftIgnore Load(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            bytes = ReadAtMost(stream, MaxFileBytes + 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failed(path, 0, $"cannot read ignore file: {ex.Message}");
        }
        if (bytes.Length > MaxFileBytes)
        {
            var line = bytes.AsSpan(0, MaxFileBytes).Count((byte)'\n') + 1;
            return Failed(path, line, $"ignore file is larger than {MaxFileBytes / (1024 * 1024)} MiB (the limit is reached on this line); one pattern a line is plenty");
        }
        var text = Declared.IacDetector.DecodeHead(bytes, out var binary);
        if (binary) return Failed(path, 0, "binary file, not a text ignore file (one pattern a line)");
        return Parse(text, path);
    }

    private static DriftIgnore Failed(string file, int line, string message) => new([], [new Diagnostic(file, line, message)], []);

    private static byte[] ReadAtMost(Stream stream, int limit)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while (buffer.Length < limit && (n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
            buffer.Write(chunk, 0, n);
        return buffer.ToArray();
    }

    /// <summary>Parses ignore-file text. <paramref name="file"/> names it in diagnostics.</summary>
    public static DriftIgnore Parse(string text, string file = ".driftguardignore")
    {
        var patterns = new List<(WildcardPattern, WildcardPattern?, bool)>();
        var errors = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.Length > MaxPatternLength)
            {
                errors.Add(new Diagnostic(file, i + 1, $"pattern is {line.Length} characters long; the limit is {MaxPatternLength}"));
                continue;
            }
            var negate = line.StartsWith('!');
            if (negate) line = line[1..].Trim();
            if (line.Length == 0) { errors.Add(new Diagnostic(file, i + 1, "empty pattern after '!'")); continue; }
            var parts = line.Split(':', 5);
            if (parts.Length is not (1 or 5))
            {
                errors.Add(new Diagnostic(file, i + 1, $"pattern '{Shown(line)}' must be GROUP or GROUP:DIRECTION:PROTOCOL:PORTS:SOURCE"));
                continue;
            }
            if (parts.Length == 5 && RuleFieldProblem(parts) is { } problem)
                warnings.Add(new Diagnostic(file, i + 1, $"pattern '{Shown(line)}' never matches: {problem}"));
            var group = new WildcardPattern(parts[0]);
            var rule = parts.Length == 5 ? new WildcardPattern(string.Join(':', parts[1..])) : null;
            patterns.Add((group, rule, negate));
        }
        return new DriftIgnore(patterns, errors, warnings);
    }

    /// <summary>Why GROUP:DIRECTION:PROTOCOL:PORTS:SOURCE can match no rule text, or null. Fields holding <c>*</c> are not checked.</summary>
    private static string? RuleFieldProblem(string[] parts)
    {
        var (group, direction, protocol, ports, source) = (parts[0], parts[1], parts[2], parts[3], parts[4]);
        if (group.Length == 0) return "GROUP is empty";
        if (!direction.Contains('*') && direction is not ("ingress" or "egress"))
            return $"DIRECTION '{Shown(direction)}' is not ingress or egress";
        if (!protocol.Contains('*') && !(Protocols.TryCanonical(protocol, out var canonical, out _) && canonical == protocol))
            return Protocols.TryCanonical(protocol, out canonical, out _)
                ? $"PROTOCOL '{Shown(protocol)}' is written '{canonical}' in rule texts"
                : $"PROTOCOL '{Shown(protocol)}' is not tcp, udp, icmp, icmpv6, all or a protocol number";
        if (!ports.Contains('*') && ports != "all" && !ValidPorts(ports))
            return $"PORTS '{Shown(ports)}' is not all, *, a port or a range FROM-TO (0-65535)";
        if (source.Length == 0) return "SOURCE is empty";
        return null;
    }

    private static bool ValidPorts(string ports)
    {
        // "22", "20-25", and ICMP type/code pairs such as "8--1" (code -1 = any).
        var dash = ports.IndexOf('-', 1);
        var from = dash < 0 ? ports : ports[..dash];
        var to = dash < 0 ? ports : ports[(dash + 1)..];
        return Port(from) is { } f && Port(to) is { } t && (t >= f || t == -1);

        static int? Port(string s) =>
            s.Length <= 6 && int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v is >= -1 and <= 65535 ? v : null;
    }

    /// <summary>A pattern as quoted in a message: at most 80 characters, control characters shown as '?'.</summary>
    private static string Shown(string text)
    {
        var cut = text.Length > 80 ? text[..80] + "…" : text;
        return string.Create(cut.Length, cut, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = char.IsControl(s[i]) ? '?' : s[i];
        });
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

    private static bool GroupMatches(WildcardPattern group, DriftItem drift) =>
        (drift.GroupId is not null && group.IsMatch(drift.GroupId)) || (drift.Resource is not null && group.IsMatch(drift.Resource));
}
