using System.Globalization;
using DriftGuard.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DriftGuard.Core.Policy;

/// <summary>
/// Reads <c>.driftguard.yml</c> through YamlDotNet's representation model, so every error carries a line.
/// The event stream is scanned first to bound nesting and aliases: the representation model recurses per
/// level, and a deeply nested file could otherwise overflow the stack, which no catch can recover from.
/// </summary>
internal static class PolicyConfigReader
{
    private const int MaxDepth = 32;
    private const int MaxAliases = 1000;

    public static PolicyConfig Load(string path, out IReadOnlyList<Diagnostic> errors)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                errors = [new Diagnostic(path, 0, "policy file not found")];
                return PolicyConfig.Default;
            }
            if (info.Length > PolicyConfig.MaxFileBytes)
            {
                errors = [new Diagnostic(path, 0, $"policy file is {info.Length} bytes; the limit is {PolicyConfig.MaxFileBytes} (1 MiB)")];
                return PolicyConfig.Default;
            }
            return Parse(File.ReadAllText(path), path, out errors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            errors = [new Diagnostic(path, 0, $"cannot read policy file: {ex.Message}")];
            return PolicyConfig.Default;
        }
    }

    public static PolicyConfig Parse(string yaml, string file, out IReadOnlyList<Diagnostic> errors)
    {
        var list = new List<Diagnostic>();
        errors = list;
        var config = PolicyConfig.Default with { Path = file };
        if (yaml.Length > PolicyConfig.MaxFileBytes)
        {
            list.Add(new Diagnostic(file, 0, $"policy file is larger than {PolicyConfig.MaxFileBytes} bytes (1 MiB)"));
            return config;
        }

        YamlStream stream;
        try
        {
            if (CheckShape(yaml, file) is { } shapeError) { list.Add(shapeError); return config; }
            stream = new YamlStream();
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // YamlDotNet reports end-of-input errors one line past the last; point at a line that exists.
            var lastLine = yaml.Count(c => c == '\n') + (yaml.EndsWith('\n') ? 0 : 1);
            list.Add(new Diagnostic(file, (int)Math.Clamp(ex.Start.Line, 0, Math.Max(lastLine, 1)), $"invalid YAML: {OneLine(ex.Message)}"));
            return config;
        }
        // Duplicate mapping keys surface as ArgumentException; YamlDotNet 16.3's scanner throws
        // InvalidOperationException on some malformed plain scalars (found by the fuzz test).
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            list.Add(new Diagnostic(file, 0, $"invalid YAML: {OneLine(ex.Message)}"));
            return config;
        }

        if (stream.Documents.Count == 0) return config;
        if (stream.Documents.Count > 1)
            list.Add(new Diagnostic(file, Line(stream.Documents[1].RootNode), "policy file must hold one YAML document"));
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" or "~" or "null" }) return config;
        if (root is not YamlMappingNode map)
        {
            list.Add(new Diagnostic(file, Line(root), "policy file must be a mapping with keys policies, authorizedPorts, forbiddenCidrs, waivers"));
            return config;
        }
        return new Walker(file, list).Read(map, config);
    }

    /// <summary>Scans parser events for nesting depth and alias count; returns an error or null.</summary>
    private static Diagnostic? CheckShape(string yaml, string file)
    {
        var parser = new Parser(new StringReader(yaml));
        int depth = 0, aliases = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > MaxDepth) return new Diagnostic(file, Line(parser.Current.Start), $"policy file nests deeper than {MaxDepth} levels");
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case AnchorAlias:
                    if (++aliases > MaxAliases) return new Diagnostic(file, Line(parser.Current.Start), $"policy file uses more than {MaxAliases} aliases");
                    break;
            }
        }
        return null;
    }

    private static int Line(Mark mark) => (int)Math.Max(mark.Line, 0);
    internal static int Line(YamlNode node) => Line(node.Start);
    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>Walks the mapping and collects every error rather than stopping at the first.</summary>
    private sealed class Walker(string file, List<Diagnostic> errors)
    {
        private void Error(YamlNode at, string message) => errors.Add(new Diagnostic(file, Line(at), message));

        public PolicyConfig Read(YamlMappingNode root, PolicyConfig config)
        {
            foreach (var (keyNode, value) in root.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                switch (key)
                {
                    case "version":
                        if (Scalar(value) is not "1") Error(value, "version: only version 1 is supported");
                        break;
                    case "policies": config = config with { Policies = ReadPolicies(value) }; break;
                    case "authorizedPorts": config = config with { AuthorizedPorts = ReadPorts(value) }; break;
                    case "forbiddenCidrs": config = config with { ForbiddenCidrs = ReadCidrs(value) }; break;
                    case "waivers": config = config with { Waivers = ReadWaivers(value) }; break;
                    default:
                        Error(keyNode, $"unknown key '{key}' (expected version, policies, authorizedPorts, forbiddenCidrs, waivers)");
                        break;
                }
            }
            return config;
        }

        private Dictionary<string, PolicyOverride> ReadPolicies(YamlNode node)
        {
            var result = new Dictionary<string, PolicyOverride>(StringComparer.Ordinal);
            if (IsNull(node)) return result;
            if (node is not YamlMappingNode map) { Error(node, "policies: expected a mapping of policy id to settings"); return result; }
            foreach (var (keyNode, value) in map.Children)
            {
                var id = Scalar(keyNode) ?? "";
                if (PolicyCatalog.Find(id) is null) { Error(keyNode, $"policies: unknown policy id '{id}'"); continue; }
                var o = new PolicyOverride();
                if (value is YamlMappingNode settings)
                {
                    foreach (var (sk, sv) in settings.Children)
                    {
                        switch (Scalar(sk))
                        {
                            case "enabled":
                                if (TryBool(Scalar(sv), out var enabled)) o = o with { Enabled = enabled };
                                else Error(sv, $"policies.{id}.enabled: expected true or false, got '{Scalar(sv)}'");
                                break;
                            case "severity":
                                if (TrySeverity(Scalar(sv), out var sev)) o = o with { Severity = sev };
                                else Error(sv, $"policies.{id}.severity: expected critical, high, medium or low, got '{Scalar(sv)}'");
                                break;
                            default:
                                Error(sk, $"policies.{id}: unknown key '{Scalar(sk)}' (expected enabled, severity)");
                                break;
                        }
                    }
                }
                else if (!IsNull(value)) Error(value, $"policies.{id}: expected a mapping with enabled and/or severity");
                result[id] = o;
            }
            return result;
        }

        private List<int> ReadPorts(YamlNode node)
        {
            var ports = new List<int>();
            if (IsNull(node)) return ports;
            if (node is not YamlSequenceNode seq) { Error(node, "authorizedPorts: expected a list of port numbers"); return [80, 443]; }
            foreach (var item in seq)
            {
                var text = Scalar(item);
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535) ports.Add(p);
                else Error(item, $"authorizedPorts: '{text}' is not a port number (0-65535)");
            }
            return [.. ports.Distinct().Order()];
        }

        private List<Cidr> ReadCidrs(YamlNode node)
        {
            var cidrs = new List<Cidr>();
            if (IsNull(node)) return cidrs;
            if (node is not YamlSequenceNode seq) { Error(node, "forbiddenCidrs: expected a list of CIDR blocks"); return cidrs; }
            foreach (var item in seq)
            {
                if (Cidr.TryParse(Scalar(item), out var c, out var err)) cidrs.Add(c!);
                else Error(item, $"forbiddenCidrs: {err}");
            }
            return cidrs;
        }

        private List<Waiver> ReadWaivers(YamlNode node)
        {
            var waivers = new List<Waiver>();
            if (IsNull(node)) return waivers;
            if (node is not YamlSequenceNode seq) { Error(node, "waivers: expected a list of waivers"); return waivers; }
            foreach (var item in seq)
            {
                if (item is not YamlMappingNode w) { Error(item, "waivers: each waiver is a mapping with policy, resource, reason, expires"); continue; }
                if (ReadWaiver(w) is { } waiver) waivers.Add(waiver);
            }
            return waivers;
        }

        private Waiver? ReadWaiver(YamlMappingNode w)
        {
            string? policy = null, resource = null, source = null, reason = null, owner = null;
            DateOnly? expires = null;
            var ok = true;
            foreach (var (k, v) in w.Children)
            {
                var key = Scalar(k);
                var text = Scalar(v)?.Trim();
                switch (key)
                {
                    case "policy": policy = text; break;
                    case "resource": resource = text; break;
                    case "source": source = text; break;
                    case "reason": reason = text; break;
                    case "owner": owner = string.IsNullOrEmpty(text) ? null : text; break;
                    case "expires":
                        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) expires = d;
                        else { Error(v, $"waiver: expires '{text}' is not a date (yyyy-mm-dd)"); ok = false; }
                        break;
                    default:
                        Error(k, $"waiver: unknown key '{key}' (expected policy, resource, source, reason, owner, expires)");
                        ok = false;
                        break;
                }
            }
            if (string.IsNullOrEmpty(policy)) { Error(w, "waiver: missing policy"); ok = false; }
            else if (PolicyCatalog.Find(policy) is null) { Error(w, $"waiver: unknown policy id '{policy}'"); ok = false; }
            if (string.IsNullOrEmpty(resource)) { Error(w, $"waiver for {policy}: missing resource (use \"*\" for every resource)"); ok = false; }
            if (string.IsNullOrEmpty(reason)) { Error(w, $"waiver for {policy} on {resource}: missing reason"); ok = false; }
            if (expires is null && !w.Children.ContainsKey(new YamlScalarNode("expires")))
            {
                Error(w, $"waiver for {policy} on {resource}: missing expires (yyyy-mm-dd)");
                ok = false;
            }
            if (!ok) return null;
            if (!string.IsNullOrEmpty(source))
            {
                // A source is a canonical peer: a CIDR, a prefix list, a group id, self or unknown. Anything else would
                // be a waiver that silently never matches.
                if (Cidr.TryParse(source, out var cidr, out _)) source = cidr!.Canonical;
                else if (!(source.StartsWith("pl-", StringComparison.Ordinal) || source.StartsWith("sg-", StringComparison.Ordinal) || source is "self" or "unknown"))
                {
                    Error(w, $"waiver for {policy} on {resource}: invalid source '{source}' (a CIDR, pl-…, sg-…, self or unknown)");
                    return null;
                }
            }
            return new Waiver(policy!, resource!, string.IsNullOrEmpty(source) ? null : source, reason!, owner, expires!.Value)
            {
                File = file,
                Line = Line(w),
            };
        }

        private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted), Value: null or "" or "~" or "null" };

        private static bool TryBool(string? text, out bool value)
        {
            value = false;
            switch (text?.Trim().ToLowerInvariant())
            {
                case "true": value = true; return true;
                case "false": return true;
                default: return false;
            }
        }

        private static bool TrySeverity(string? text, out Severity severity)
        {
            severity = Severity.None;
            switch (text?.Trim().ToLowerInvariant())
            {
                case "critical": severity = Severity.Critical; return true;
                case "high": severity = Severity.High; return true;
                case "medium": severity = Severity.Medium; return true;
                case "low": severity = Severity.Low; return true;
                default: return false;
            }
        }
    }
}
