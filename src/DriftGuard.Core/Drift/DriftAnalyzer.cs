using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>
/// Compares declared security groups with live ones and lists the drifts (pure, no I/O; O(n) with hash sets).
/// </summary>
/// <remarks>
/// <para>Mapping declared → live, first that applies: the declared <c>GroupId</c> (Terraform state); a key that is an
/// <c>sg-</c> id (standalone rules targeting an id); for CloudFormation groups the stack map
/// (<see cref="DriftOptions.StackResources"/>, physical id or, in a default VPC, group name), then the tags
/// <c>aws:cloudformation:stack-name</c> = <see cref="DriftOptions.StackName"/> and <c>aws:cloudformation:logical-id</c>
/// = logical id; last, the only live group with the declared name in the declared VPC (a plan whose id is unknown).
/// Declared groups sharing a key, or mapped to the same live group, are merged: a group's declared rules are the
/// union of its inline rules and every standalone rule targeting it.</para>
/// <para>Identity is <see cref="RuleKey"/> set equality (per group, <see cref="RuleIdentityComparer"/>) after rewriting declared rules into live terms
/// (<see cref="DeclaredRuleRewriter"/>); descriptions, origins and rule ids are compared apart.</para>
/// <para>Severity: an <c>unmanaged</c> rule is the highest unwaived finding of the live rule, at least Medium (an
/// unreviewed opening). An <c>unmanaged-group</c> is Medium, Low when AWS or a controller owns it
/// (<see cref="ServiceCreatedGroups"/>). <c>missing-group</c> is Medium. <c>missing</c> and <c>changed</c> are Low:
/// a missing rule opens nothing and a changed description opens nothing new; their findings are attached for context
/// but do not raise them (the gate judges declared rules).</para>
/// <para>Expected live rules that are not drift: a CloudFormation group without <c>SecurityGroupEgress</c> keeps EC2's
/// allow-all egress to <c>0.0.0.0/0</c>; a default group's own rules (<see cref="DefaultGroupRules"/>). Terraform gets no
/// such exception: it removes the default egress unless declared.</para>
/// </remarks>
public sealed class DriftAnalyzer
{
    private const string CfnGroupType = "AWS::EC2::SecurityGroup";

    /// <summary>Analyses <paramref name="declared"/> against <paramref name="live"/>.</summary>
    /// <param name="declared">Declared groups from every IaC document (placeholders for standalone rules included).</param>
    /// <param name="live">Live groups (<c>Key</c> = <c>GroupId</c>), any regions.</param>
    /// <param name="options">Stack mapping, scope, policy delegate, ignore file and baseline.</param>
    public DriftResult Analyze(IReadOnlyList<SecurityGroup> declared, IReadOnlyList<SecurityGroup> live, DriftOptions? options = null)
    {
        var opts = options ?? new DriftOptions();
        var warnings = new List<Diagnostic>();
        var index = new LiveGroupIndex(live);
        var merged = MergeByKey(declared);

        // 1. Map declared groups to live groups.
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var declaredByLive = new Dictionary<string, List<SecurityGroup>>(StringComparer.Ordinal);
        var missingGroups = new List<(SecurityGroup Declared, string Id)>();
        foreach (var d in merged)
        {
            var (liveGroup, knownId) = Resolve(d, index, opts);
            if (liveGroup is not null)
            {
                var id = LiveGroupIndex.IdOf(liveGroup);
                mapping[d.Key] = id;
                if (!declaredByLive.TryGetValue(id, out var list)) declaredByLive[id] = list = [];
                list.Add(d);
            }
            else if (knownId is not null) missingGroups.Add((d, knownId));
            else warnings.Add(Warn(d.Origin, d.Key,
                $"{d.Key}: no live group found (no group id, stack mapping or name match); its rules are not compared"));
        }

        // 2. References a declared rule may use for another group: keys, resource addresses, stack logical ids.
        var references = new Dictionary<string, string>(mapping, StringComparer.Ordinal);
        foreach (var d in merged)
        {
            if (mapping.TryGetValue(d.Key, out var id) && d.Origin?.Resource is { } resource) references.TryAdd(resource, id);
        }
        foreach (var (logical, physical) in opts.StackResources)
        {
            if (physical.StartsWith("sg-", StringComparison.Ordinal)) references.TryAdd(logical, physical);
            else if (index.ByName(physical, null) is { } named) references.TryAdd(logical, LiveGroupIndex.IdOf(named));
        }
        var rewriter = new DeclaredRuleRewriter(references, index);

        var drifts = new List<DriftItem>();
        var liveRules = 0;
        var managedLiveRules = 0;

        // 3. Compare each mapped group.
        foreach (var (liveId, groups) in declaredByLive)
        {
            var liveGroup = index.ById(liveId)!;
            var primary = groups[0];
            var declaredRules = new Dictionary<SgRule, SgRule>(groups.Sum(g => g.Rules.Count), RuleIdentityComparer.Instance);
            var unknown = new List<SgRule>();
            foreach (var g in groups)
            {
                foreach (var rule in g.Rules)
                {
                    var r = rewriter.Rewrite(rule, liveId, liveGroup.VpcId, out var unresolved);
                    if (unresolved is not null)
                        warnings.Add(Warn(rule.Origin ?? g.Origin, g.Key, $"{g.Key}: group reference '{unresolved}' matches no declared or live group; rule not compared"));
                    if (r.Source is UnknownSource || r.PortsUnknown)
                    {
                        if (unresolved is null)
                            warnings.Add(Warn(rule.Origin ?? g.Origin, g.Key, $"{g.Key}: {r} has a value known only after apply; not compared, and live rules it could be are not reported"));
                        unknown.Add(r);
                    }
                    else declaredRules.TryAdd(r, r);
                }
            }
            var defaultEgressExpected = groups.Any(g => g.ResourceType == CfnGroupType) &&
                                        groups.Where(g => g.ResourceType == CfnGroupType).All(g => !g.EgressDeclared);
            // One hash per rule and side: live rules are indexed once (position in a list of distinct rules), each
            // declared rule looks itself up once and marks its match, and unmatched live rules are found by walking
            // the list. Dictionary<reference, int> is precompiled in the runtime, so a one-shot CLI run does not JIT it.
            var liveIndex = new Dictionary<SgRule, int>(liveGroup.Rules.Count, RuleIdentityComparer.Instance);
            var distinctLive = new List<SgRule>(liveGroup.Rules.Count);
            foreach (var r in liveGroup.Rules)
            {
                if (liveIndex.TryAdd(r, distinctLive.Count)) distinctLive.Add(r);
            }
            var matched = new bool[distinctLive.Count];

            foreach (var (key, d) in declaredRules)
            {
                if (!liveIndex.TryGetValue(key, out var position))
                {
                    drifts.Add(Item(DriftKind.Missing, liveId, d, liveGroup, primary, opts, raise: false));
                    continue;
                }
                matched[position] = true;
                var l = distinctLive[position];
                if (d.Description == l.Description) continue;
                var declaredDescription = ResolveDescription(d.Description, references);
                if (declaredDescription.Known && declaredDescription.Text != Norm(l.Description))
                {
                    drifts.Add(Item(DriftKind.Changed, liveId, d with { RuleId = l.RuleId }, liveGroup, primary, opts, raise: false) with
                    {
                        DeclaredDescription = declaredDescription.Text,
                        LiveDescription = Norm(l.Description),
                    });
                }
            }
            for (var position = 0; position < distinctLive.Count; position++)
            {
                liveRules++;
                var l = distinctLive[position];
                if (matched[position] ||
                    (defaultEgressExpected && DefaultGroupRules.IsAllowAllEgress(l)) ||
                    (unknown.Count > 0 && unknown.Any(u => CouldBe(u, l))))
                {
                    managedLiveRules++;
                    continue;
                }
                drifts.Add(Item(DriftKind.Unmanaged, liveId, l, liveGroup, primary, opts, raise: true));
            }
        }

        // 4. Declared groups with a known id that is not live.
        foreach (var (d, id) in missingGroups)
        {
            if (!opts.LiveComplete)
            {
                warnings.Add(Warn(d.Origin, d.Key, $"{d.Key}: group {id} not found live, but the live read was incomplete; not reported as missing"));
                continue;
            }
            drifts.Add(Finish(new DriftItem(DriftKind.MissingGroup, id, null)
            {
                Resource = d.Origin?.Resource ?? d.Key, File = d.Origin?.File, Line = d.Origin?.Line,
                Region = d.Region ?? opts.Region, Account = d.OwnerId ?? opts.Account, Severity = Severity.Medium,
            }));
        }

        // 5. Live groups no IaC declares, in scope.
        var scope = opts.VpcIds.Count > 0
            ? opts.VpcIds.ToHashSet(StringComparer.Ordinal)
            : declaredByLive.Keys.Select(id => index.ById(id)!.VpcId ?? "")
                .Concat(merged.Where(d => d.VpcId is not null).Select(d => d.VpcId!))
                .ToHashSet(StringComparer.Ordinal);
        foreach (var g in index.All)
        {
            var id = LiveGroupIndex.IdOf(g);
            if (declaredByLive.ContainsKey(id) || (!opts.AllVpcs && !scope.Contains(g.VpcId ?? ""))) continue;
            var rules = g.IsDefault ? g.Rules.Where(r => !DefaultGroupRules.IsDefaultRule(r, id)).ToList() : g.Rules.ToList();
            liveRules += g.Rules.Count;
            managedLiveRules += g.Rules.Count - rules.Count;
            // An untouched default group is AWS's, not drift.
            if (g.IsDefault && rules.Count == 0) continue;
            drifts.Add(Finish(new DriftItem(DriftKind.UnmanagedGroup, id, null)
            {
                Region = g.Region ?? opts.Region, Account = g.OwnerId ?? opts.Account,
                Severity = ServiceCreatedGroups.IsServiceCreated(g) ? Severity.Low : Severity.Medium,
            }));
            foreach (var r in rules) drifts.Add(Item(DriftKind.Unmanaged, id, r, g, null, opts, raise: true));
        }

        // 6. Ignore file, then baseline.
        var kept = new List<DriftItem>(drifts.Count);
        var ignored = 0;
        foreach (var d in drifts)
        {
            if (opts.Ignore.IsIgnored(d)) { ignored++; continue; }
            kept.Add(opts.Baseline.Accepts(d) ? d with { Accepted = true } : d);
        }
        kept.Sort(Compare);
        return new DriftResult(kept)
        {
            Warnings = warnings,
            Mapping = mapping,
            IgnoredCount = ignored,
            LiveRules = liveRules,
            ManagedLiveRules = managedLiveRules,
        };
    }

    private static (SecurityGroup? Live, string? KnownId) Resolve(SecurityGroup d, LiveGroupIndex index, DriftOptions opts)
    {
        var id = d.GroupId is { Length: > 0 } gid ? gid : d.Key.StartsWith("sg-", StringComparison.Ordinal) ? d.Key : null;
        if (id is not null) return (index.ById(id), id);
        if (opts.StackResources.TryGetValue(d.Key, out var physical))
        {
            // In a default VPC (or EC2-Classic) CloudFormation's physical id of a group is its name, not its id.
            var found = index.ById(physical) ?? index.ByName(physical, d.VpcId);
            return (found, physical);
        }
        if (d.ResourceType == CfnGroupType && index.ByCloudFormation(d.Key, opts.StackName) is { } tagged) return (tagged, null);
        if (d.Name is { Length: > 0 } name && d.VpcId is not null && index.ByName(name, d.VpcId) is { } byName && byName.VpcId == d.VpcId)
            return (byName, null);
        return (null, null);
    }

    /// <summary>Merges declared groups sharing a key (a group and placeholders for standalone rules naming it): the richest one gives the metadata, rules are united.</summary>
    private static List<SecurityGroup> MergeByKey(IReadOnlyList<SecurityGroup> declared)
    {
        var result = new List<SecurityGroup>();
        foreach (var same in declared.GroupBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = same.ToList();
            // Same address in two states (two workspaces) with different ids: different groups, not one.
            if (list.Count == 1 || list.Select(g => g.GroupId).OfType<string>().Distinct(StringComparer.Ordinal).Count() > 1)
            {
                result.AddRange(list);
                continue;
            }
            var primary = list.OrderByDescending(Richness).First();
            result.Add(primary with
            {
                GroupId = primary.GroupId ?? list.Select(g => g.GroupId).FirstOrDefault(x => x is not null),
                VpcId = primary.VpcId ?? list.Select(g => g.VpcId).FirstOrDefault(x => x is not null),
                Rules = list.SelectMany(g => g.Rules).ToList(),
            });
        }
        return result;

        static int Richness(SecurityGroup g) =>
            (g.GroupId is null ? 0 : 1) + (g.Name is null ? 0 : 1) + (g.Description is null ? 0 : 1) + (g.VpcId is null ? 0 : 1) +
            (g.Origin?.Resource == g.Key ? 2 : 0);
    }

    /// <summary>True when the unknown declared rule <paramref name="u"/> could turn out to be the live rule <paramref name="l"/>.</summary>
    private static bool CouldBe(SgRule u, SgRule l) =>
        u.Direction == l.Direction && u.Protocol == l.Protocol &&
        (u.PortsUnknown || (u.FromPort == l.FromPort && u.ToPort == l.ToPort)) &&
        u.Source switch
        {
            UnknownSource { Kind: "cidr" } => l.Source is Cidr { IsIpv6: false },
            UnknownSource { Kind: "ipv6" } => l.Source is Cidr { IsIpv6: true },
            UnknownSource { Kind: "prefix-list" } => l.Source is PrefixList,
            UnknownSource { Kind: "group" } => l.Source is GroupRef,
            UnknownSource => true,
            var s => s == l.Source,
        };

    /// <summary>The declared description in live terms: <c>${Ref}</c> replaced by mapped ids; unknown if anything stays unresolved.</summary>
    private static (bool Known, string? Text) ResolveDescription(string? description, IReadOnlyDictionary<string, string> references)
    {
        var text = Norm(description);
        if (text is null || !text.Contains("${", StringComparison.Ordinal)) return (true, text);
        foreach (var (name, id) in references) text = text.Replace("${" + name + "}", id, StringComparison.Ordinal);
        return text.Contains("${", StringComparison.Ordinal) ? (false, null) : (true, text);
    }

    private static string? Norm(string? description) => string.IsNullOrEmpty(description) ? null : description;

    private static DriftItem Item(DriftKind kind, string groupId, SgRule rule, SecurityGroup liveGroup, SecurityGroup? declaredGroup,
                                  DriftOptions opts, bool raise)
    {
        // Judged as the live group, known also by its declared address, so a waiver written for the address applies
        // to drift as it does in the gate.
        var judged = declaredGroup?.Origin is { } declaredAt && liveGroup.Origin is null ? liveGroup with { Origin = declaredAt } : liveGroup;
        var findings = opts.EvaluateRule?.Invoke(rule, judged) ?? [];
        var floor = kind == DriftKind.Unmanaged ? Severity.Medium : Severity.Low;
        var highest = findings.Where(f => !f.Waived).Select(f => f.Severity).DefaultIfEmpty(Severity.None).Max();
        var origin = rule.Origin ?? declaredGroup?.Origin;
        return Finish(new DriftItem(kind, groupId, rule)
        {
            Region = liveGroup.Region ?? opts.Region,
            Account = liveGroup.OwnerId ?? declaredGroup?.OwnerId ?? opts.Account,
            Resource = origin?.Resource ?? declaredGroup?.Key,
            File = origin?.File,
            Line = origin?.Line,
            Findings = findings,
            Severity = raise && highest > floor ? highest : floor,
        });
    }

    private static DriftItem Finish(DriftItem d) => d with { Fingerprint = DriftFingerprint.Compute(d.Account, d.Region, d.GroupId, d.Kind, d.Rule) };

    private static Diagnostic Warn(SourceLocation? at, string resource, string message) =>
        new(at?.File ?? "", at?.Line ?? 0, message) { Resource = at?.Resource ?? resource };

    private static int Compare(DriftItem a, DriftItem b)
    {
        var c = string.CompareOrdinal(a.GroupId, b.GroupId);
        if (c != 0) return c;
        c = (a.Rule is null ? 0 : 1).CompareTo(b.Rule is null ? 0 : 1);
        if (c != 0 || a.Rule is null || b.Rule is null) return c != 0 ? c : a.Kind.CompareTo(b.Kind);
        c = a.Rule.Direction.CompareTo(b.Rule.Direction);
        if (c == 0) c = string.CompareOrdinal(a.Rule.Protocol, b.Rule.Protocol);
        if (c == 0) c = Nullable.Compare(a.Rule.FromPort, b.Rule.FromPort);
        if (c == 0) c = Nullable.Compare(a.Rule.ToPort, b.Rule.ToPort);
        if (c == 0) c = string.CompareOrdinal(a.Rule.Source.Canonical, b.Rule.Source.Canonical);
        return c == 0 ? a.Kind.CompareTo(b.Kind) : c;
    }
}
