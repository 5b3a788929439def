using System.Runtime.CompilerServices;
using System.Globalization;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared;

/// <summary>
/// Turns a <see cref="RawRule"/> into canonical atomic rules, one per peer, the way EC2 reads it:
/// protocol names and numbers unified, ports ignored for protocol all and numbered protocols, ICMP ports
/// read as type/code, CIDR host bits cleared. Problems become warnings or errors, never exceptions.
/// </summary>
/// <remarks>Semantics follow https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html.</remarks>
public static class AtomicRuleFactory
{
    /// <summary>Result of expanding one raw rule.</summary>
    public sealed record Expansion(IReadOnlyList<SgRule> Rules, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<Diagnostic> Warnings);

    /// <summary>Expands <paramref name="raw"/> into atomic rules.</summary>
    public static Expansion Expand(RawRule raw)
    {
        var rules = new List<SgRule>();
        var errors = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        ExpandInto(raw, rules, errors, warnings);
        return new(rules, errors, warnings);
    }

    /// <summary>
    /// Expands <paramref name="raw"/>, appending its atomic rules, errors and warnings to the given lists (what
    /// <see cref="Expand(RawRule)"/> returns, without allocating result lists per raw rule: large plans have 100,000s).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ExpandInto(RawRule raw, List<SgRule> rules, List<Diagnostic> errors, List<Diagnostic> warnings)
    {
        var firstRule = rules.Count;
        var firstError = errors.Count;
        var o = raw.Origin;
        Diagnostic D(string m) => new(o.File, o.Line, m) { Resource = o.Resource };

        // Protocol
        string protocol;
        var protocolUnknown = false;
        if (raw.Protocol.IsUnknown) { protocol = Protocols.All; protocolUnknown = true; } // fail closed: unknown protocol may be all
        else if (!Protocols.TryCanonical(raw.Protocol.Text, out protocol, out var perr))
        {
            errors.Add(D($"{o.Resource}: {perr}"));
            return;
        }
        if (protocolUnknown) warnings.Add(D($"{o.Resource}: protocol is unknown until apply; evaluated as all traffic"));

        int? from = null, to = null;
        var portsUnknown = false;
        if (protocol == Protocols.All || !Protocols.HasPorts(protocol))
        {
            if (protocol == Protocols.All && !protocolUnknown && (MeaningfulPort(raw.FromPort) || MeaningfulPort(raw.ToPort)))
                warnings.Add(D($"{o.Resource}: ports ignored for protocol -1 ({raw.FromPort}-{raw.ToPort} written; EC2 opens every port)"));
        }
        else if (raw.FromPort.IsUnknown || raw.ToPort.IsUnknown)
        {
            portsUnknown = true;
        }
        else
        {
            var isIcmp = protocol is Protocols.Icmp or Protocols.Icmpv6;
            if (raw.FromPort.IsMissing || raw.ToPort.IsMissing)
            {
                errors.Add(D(isIcmp
                    ? $"{o.Resource}: {protocol} (protocol {(protocol == Protocols.Icmp ? 1 : 58)}) requires FromPort and ToPort (ICMP type and code; use -1 for all)"
                    : $"{o.Resource}: {protocol} requires FromPort and ToPort"));
                return;
            }
            if (!TryPort(raw.FromPort.Text, out var f) || !TryPort(raw.ToPort.Text, out var t))
            {
                errors.Add(D($"{o.Resource}: invalid port '{raw.FromPort}'-'{raw.ToPort}'"));
                return;
            }
            if (isIcmp)
            {
                if (f is < -1 or > 255 || t is < -1 or > 255)
                {
                    errors.Add(D($"{o.Resource}: ICMP type/code out of range ({f}/{t}; each must be -1 to 255)"));
                    return;
                }
                if (f != -1 && f == t && f != 0)
                    warnings.Add(D($"{o.Resource}: {protocol} ports are type/code: {f}/{t} means type {f} code {t}, not a port range"));
                from = f; to = f == -1 ? -1 : t;
            }
            else
            {
                if (f == -1 && t == -1) { f = 0; t = 65535; warnings.Add(D($"{o.Resource}: {protocol} port -1 read as all ports 0-65535")); }
                if (f is < 0 or > 65535 || t is < 0 or > 65535)
                {
                    errors.Add(D($"{o.Resource}: port out of range ({f}-{t}; ports are 0 to 65535)"));
                    return;
                }
                if (f > t)
                {
                    errors.Add(D($"{o.Resource}: from port {f} is greater than to port {t}"));
                    return;
                }
                if (f == 0 && t == 0)
                    warnings.Add(D($"{o.Resource}: {protocol} 0-0 allows only port 0, not all ports"));
                from = f; to = t;
            }
        }

        var description = string.IsNullOrEmpty(raw.Description) ? null : raw.Description;
        var make = new RuleMaker(raw.Group, raw.Direction, protocol, from, to, description, o, portsUnknown);

        // indexed loops: enumerating the IReadOnlyList interfaces would allocate an enumerator per list per raw rule
        for (var i = 0; i < raw.Cidrs.Count; i++) AddCidr(raw.Cidrs[i], "cidr", make, rules, errors, warnings, o);
        for (var i = 0; i < raw.Ipv6Cidrs.Count; i++) AddCidr(raw.Ipv6Cidrs[i], "ipv6", make, rules, errors, warnings, o);
        for (var i = 0; i < raw.PrefixLists.Count; i++)
        {
            var p = raw.PrefixLists[i];
            if (p.IsUnknown) rules.Add(make.With(new UnknownSource("prefix-list", p.Expression ?? "?")));
            else if (!string.IsNullOrWhiteSpace(p.Text)) rules.Add(make.With(new PrefixList(p.Text.Trim())));
        }
        for (var i = 0; i < raw.Groups.Count; i++)
        {
            var g = raw.Groups[i];
            if (g.IsUnknown) rules.Add(make.With(new UnknownSource("group", g.Expression ?? "?")));
            else if (!string.IsNullOrWhiteSpace(g.Text)) rules.Add(make.With(new GroupRef(g.Text.Trim())));
        }
        if (raw.Self) rules.Add(make.With(new GroupRef(GroupRef.Self)));
        for (var i = 0; i < raw.UnknownSourceKinds.Count; i++)
        {
            var k = raw.UnknownSourceKinds[i];
            rules.Add(make.With(new UnknownSource(k, $"{k} list")));
        }

        if (rules.Count == firstRule && errors.Count == firstError)
            warnings.Add(D($"{o.Resource}: {raw.Direction.ToString().ToLowerInvariant()} rule {protocol} has no peer (no CIDR, prefix list or group); EC2 creates nothing for it"));

        // A rule written twice is one rule in EC2.
        if (rules.Count - firstRule > 1) RemoveRepeats(rules, firstRule);
    }

    /// <summary>Drops later repeats among <c>rules[first..]</c>, keeping first occurrences in order (what <c>Distinct</c> keeps).</summary>
    private static void RemoveRepeats(List<SgRule> rules, int first)
    {
        var kept = first;
        // a raw rule usually has a handful of peers: compare pairwise; a long CIDR list gets a hash set
        var set = rules.Count - first > 16 ? new HashSet<SgRule>() : null;
        for (var i = first; i < rules.Count; i++)
        {
            var rule = rules[i];
            var seen = false;
            if (set is not null) seen = !set.Add(rule);
            else for (var j = first; j < kept && !seen; j++) seen = rules[j].Equals(rule);
            if (!seen) rules[kept++] = rule;
        }
        rules.RemoveRange(kept, rules.Count - kept);
    }

    /// <summary>The fields every atomic rule of one raw rule shares; <see cref="With"/> adds the peer.</summary>
    private readonly record struct RuleMaker(string Group, Direction Direction, string Protocol, int? From, int? To,
                                             string? Description, SourceLocation Origin, bool PortsUnknown)
    {
        public SgRule With(RuleSource source) => new(Group, Direction, Protocol, From, To, source)
        {
            Description = Description,
            Origin = Origin,
            PortsUnknown = PortsUnknown,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddCidr(RawValue c, string kind, in RuleMaker make, List<SgRule> rules, List<Diagnostic> errors,
                                List<Diagnostic> warnings, SourceLocation o)
    {
        if (c.IsUnknown) { rules.Add(make.With(new UnknownSource(kind, c.Expression ?? "?"))); return; }
        if (string.IsNullOrWhiteSpace(c.Text)) return;
        if (c.Text.StartsWith("{{resolve:", StringComparison.Ordinal))
        {
            rules.Add(make.With(new UnknownSource(kind, c.Text)));
            return;
        }
        if (!CidrCache.TryParse(c.Text, out var cidr, out var err))
        {
            errors.Add(new Diagnostic(o.File, o.Line, $"{o.Resource}: {err}") { Resource = o.Resource });
            return;
        }
        if (kind == "ipv6" != cidr!.IsIpv6)
        {
            // EC2 rejects an IPv4 block in CidrIpv6 (and the reverse): the rule could never be created as written.
            errors.Add(new Diagnostic(o.File, o.Line,
                $"{o.Resource}: {(cidr.IsIpv6 ? "IPv6" : "IPv4")} CIDR {cidr} written in the {(kind == "ipv6" ? "IPv6" : "IPv4")} field") { Resource = o.Resource });
            return;
        }
        rules.Add(make.With(cidr));
    }

    /// <summary>
    /// Canonical CIDRs by spelling: large plans repeat the same few blocks thousands of times, and parsing plus
    /// formatting each one again is most of the cost of reading them. Bounded so hostile input cannot grow it.
    /// </summary>
    private static class CidrCache
    {
        private const int MaxEntries = 65_536;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Cidr> Cache = new(StringComparer.Ordinal);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static bool TryParse(string text, out Cidr? cidr, out string? error)
        {
            error = null;
            if (Cache.TryGetValue(text, out cidr)) return true;
            if (!Cidr.TryParse(text, out cidr, out error)) return false;
            if (Cache.Count < MaxEntries) Cache.TryAdd(text, cidr!);
            return true;
        }
    }

    /// <summary>A port written on a protocol -1 rule that EC2 will ignore: anything but missing, 0 or -1.</summary>
    private static bool MeaningfulPort(RawValue v) =>
        !v.IsMissing && !v.IsUnknown && v.Text?.Trim() is not ("0" or "-1" or "");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryPort(string? text, out int port)
    {
        port = 0;
        if (text is null) return false;
        var t = text.Trim();
        if (int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out port)) return true;
        // JSON numbers such as 22.0 from some generators
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e6)
        {
            port = (int)d;
            return true;
        }
        return false;
    }
}
