using System.Runtime.CompilerServices;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>A declared <c>aws_security_group</c> / <c>aws_default_security_group</c> with its inline rules, before expansion.</summary>
internal sealed class GroupDeclaration(string key, SourceLocation origin)
{
    public string Key { get; } = key;
    public SourceLocation Origin { get; } = origin;
    public string? GroupId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? VpcId { get; init; }
    public string? OwnerId { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public string ResourceType { get; init; } = "aws_security_group";
    public bool IsDefault { get; init; }
    /// <summary>Inline rules as written; the assembler expands and clears them when the group is added.</summary>
    public List<RawRule> Inline { get; } = [];

    /// <summary>Expanded inline rules (filled by the assembler, or by the plan reader's direct path).</summary>
    internal List<SgRule> Expanded { get; set; } = [];

    /// <summary>True when any inline rule was written, even one that failed to expand.</summary>
    internal bool HadInline { get; set; }
}

/// <summary>
/// A standalone rule resource and what it says about its target group: a known <c>sg-</c> id, candidate
/// group addresses (from configuration references or <c>${aws_security_group.x.id}</c>), or an unresolved expression.
/// </summary>
internal sealed record StandaloneRuleDeclaration(RawRule Rule, string? TargetId, IReadOnlyList<string> TargetAddresses, string? TargetExpression);

/// <summary>
/// Collects groups and standalone rules of one Terraform file, attaches every standalone rule to the group it
/// targets (by id, then by address; otherwise to a placeholder group keyed by the id or reference), expands
/// every raw rule through <see cref="AtomicRuleFactory"/> and sets each group's <see cref="RuleStyle"/>.
/// </summary>
/// <remarks>
/// Inline lists of a group that also has standalone rules: in state (and in a plan, for groups whose inline
/// list is not configured) Terraform stores what the last refresh read from EC2, which echoes the standalone
/// rules and any console edit. When every inline rule is also a standalone rule, the inline copy is an echo and
/// is dropped. Otherwise the group is <see cref="RuleStyle.Mixed"/> (a warning: the Terraform AWS provider
/// documents that inline and standalone rules fight); state then keeps only the standalone rules, because the
/// inline list may hold refreshed live rules that would hide drift (hashicorp/terraform-provider-aws#2599).
/// </remarks>
internal sealed class TerraformGroupAssembler(string display, IacKind kind, bool inlineIsRefreshedState)
{
    private readonly List<GroupDeclaration> _groups = [];
    private readonly List<(StandaloneRuleDeclaration Declaration, List<SgRule> Rules)> _rules = [];
    private readonly List<Diagnostic> _errors = [];
    private readonly List<Diagnostic> _warnings = [];

    public string Display => display;

    /// <summary>Adds a group, expanding its inline rules now so the raw rules die young (large plans).</summary>
    public void Add(GroupDeclaration group)
    {
        group.HadInline = group.Inline.Count > 0;
        foreach (var raw in group.Inline) Expand(raw.Group == group.Key ? raw : raw with { Group = group.Key }, group.Expanded);
        group.Inline.Clear();
        _groups.Add(group);
    }

    /// <summary>
    /// Adds a group whose inline rules the caller already expanded with <see cref="AtomicRuleFactory"/> (the plan
    /// reader's direct path), with that expansion's errors and warnings: the same result as <see cref="Add(GroupDeclaration)"/>.
    /// </summary>
    public void AddExpanded(GroupDeclaration group, bool hadInline, List<SgRule> expanded, IReadOnlyList<Diagnostic> errors, IReadOnlyList<Diagnostic> warnings)
    {
        group.HadInline = hadInline;
        group.Expanded = expanded;
        _errors.AddRange(errors);
        _warnings.AddRange(warnings);
        _groups.Add(group);
    }

    /// <summary>Adds a standalone rule, expanded now; its group is set when targets are resolved.</summary>
    public void Add(StandaloneRuleDeclaration rule)
    {
        var rules = new List<SgRule>(1);
        Expand(rule.Rule, rules);
        _rules.Add((rule, rules));
    }

    public void Error(int line, string resource, string message) =>
        _errors.Add(new Diagnostic(display, line, $"{resource}: {message}") { Resource = resource });

    public void Warning(int line, string resource, string message) =>
        _warnings.Add(new Diagnostic(display, line, $"{resource}: {message}") { Resource = resource });

    public void Error(Diagnostic d) => _errors.Add(d);

    public void Warning(Diagnostic d) => _warnings.Add(d);

    /// <summary>Resolves, expands and returns the document.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call, loops over every group of a large plan
    public DeclaredDocument Build()
    {
        var byKey = new Dictionary<string, GroupDeclaration>(StringComparer.Ordinal);
        var byId = new Dictionary<string, GroupDeclaration>(StringComparer.Ordinal);
        var byBareAddress = new Dictionary<string, List<GroupDeclaration>>(StringComparer.Ordinal);
        foreach (var g in _groups)
        {
            if (!byKey.TryAdd(g.Key, g))
            {
                Warning(g.Origin.Line, g.Key, "declared twice; the second declaration is ignored");
                continue;
            }
            if (g.GroupId is { Length: > 0 } id) byId.TryAdd(id, g);
            var bare = TerraformAddress.WithoutIndex(g.Key);
            if (!byBareAddress.TryGetValue(bare, out var list)) byBareAddress[bare] = list = [];
            list.Add(g);
        }

        var ordered = byKey.Values.ToList();
        var standalone = new Dictionary<GroupDeclaration, List<SgRule>>();
        foreach (var (r, expanded) in _rules)
        {
            var target = Resolve(r, byId, byKey, byBareAddress);
            if (target is null)
            {
                var key = r.TargetId ?? r.TargetAddresses.FirstOrDefault() ?? r.TargetExpression ?? $"unknown group of {r.Rule.Origin.Resource}";
                if (!byKey.TryGetValue(key, out target))
                {
                    target = new GroupDeclaration(key, r.Rule.Origin) { GroupId = r.TargetId };
                    byKey[key] = target;
                    ordered.Add(target);
                }
            }
            if (!standalone.TryGetValue(target, out var rules)) standalone[target] = rules = [];
            foreach (var rule in expanded) rules.Add(rule with { Group = target.Key });
        }

        var result = new List<SecurityGroup>(ordered.Count);
        foreach (var g in ordered)
        {
            var hasStandalone = standalone.TryGetValue(g, out var separate);
            var keptInline = g.HadInline;
            var fought = false;
            var rules = hasStandalone ? Merge(g, separate!, out keptInline, out fought) : g.Expanded;
            var style = (keptInline, hasStandalone) switch
            {
                (true, true) => RuleStyle.Mixed,
                (true, false) => RuleStyle.Inline,
                (false, true) => RuleStyle.Standalone,
                _ => RuleStyle.None,
            };
            if (style == RuleStyle.Mixed || fought)
            {
                Warning(g.Origin.Line, g.Key, (fought, inlineIsRefreshedState) switch
                {
                    (true, true) => "has inline rules and standalone rule resources for the same direction, which Terraform documents as fighting each other; the inline list in state is what the last refresh read, so only the standalone rules are used for that direction",
                    (false, true) => "has inline rules and standalone rule resources; Terraform documents that the two fight (or the inline list in state is a refreshed copy of live rules)",
                    _ => "has inline rules and standalone rule resources, which Terraform documents as fighting each other; use one or the other",
                });
                style = RuleStyle.Mixed;
            }

            result.Add(new SecurityGroup(g.Key)
            {
                GroupId = g.GroupId,
                Name = g.Name,
                Description = g.Description,
                VpcId = g.VpcId,
                OwnerId = g.OwnerId,
                Tags = g.Tags,
                ResourceType = g.ResourceType,
                IsDefault = g.IsDefault,
                Rules = rules,
                Style = style,
                EgressDeclared = true,
                Origin = g.Origin,
            });
        }
        return new DeclaredDocument(display, kind) { Groups = result, Errors = _errors, Warnings = _warnings };
    }

    /// <summary>Inline plus standalone rules of one group, direction by direction (see the class remarks).</summary>
    private List<SgRule> Merge(GroupDeclaration g, List<SgRule> separate, out bool keptInline, out bool fought)
    {
        var rules = new List<SgRule>(g.Expanded.Count + separate.Count);
        keptInline = false;
        fought = false;
        foreach (var direction in new[] { Direction.Ingress, Direction.Egress })
        {
            var mine = g.Expanded.Where(r => r.Direction == direction).ToList();
            var theirs = separate.Where(r => r.Direction == direction).ToList();
            if (mine.Count > 0 && theirs.Count > 0)
            {
                var keys = theirs.Select(r => r.Key).ToHashSet();
                if (mine.All(r => keys.Contains(r.Key))) mine = []; // the inline list only echoes the standalone rules
                else
                {
                    fought = true;
                    if (inlineIsRefreshedState) mine = [];
                }
            }
            if (mine.Count > 0) keptInline = true;
            rules.AddRange(mine);
            rules.AddRange(theirs);
        }
        return rules;
    }

    private void Expand(RawRule raw, List<SgRule> into)
    {
        AtomicRuleFactory.ExpandInto(raw, into, _errors, _warnings);
    }

    private static GroupDeclaration? Resolve(StandaloneRuleDeclaration r, Dictionary<string, GroupDeclaration> byId,
        Dictionary<string, GroupDeclaration> byKey, Dictionary<string, List<GroupDeclaration>> byBare)
    {
        if (r.TargetId is { } id && byId.TryGetValue(id, out var g)) return g;
        foreach (var address in r.TargetAddresses)
        {
            var a = address.EndsWith(".id", StringComparison.Ordinal) ? address[..^3] : address;
            if (byKey.TryGetValue(a, out g)) return g;
            if (byBare.TryGetValue(a, out var list) && list.Count == 1) return list[0];
        }
        return null;
    }
}
