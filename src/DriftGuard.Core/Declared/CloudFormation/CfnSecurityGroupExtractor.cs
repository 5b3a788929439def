using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Turns the resources of a parsed template into security groups: <c>AWS::EC2::SecurityGroup</c> with its inline
/// <c>SecurityGroupIngress</c>/<c>SecurityGroupEgress</c>, plus every standalone <c>AWS::EC2::SecurityGroupIngress</c>/
/// <c>AWS::EC2::SecurityGroupEgress</c> attached to its target group (a placeholder group when the target is not in the
/// template). Every raw rule goes through <see cref="AtomicRuleFactory.Expand"/>. One bad resource never stops the others.
/// </summary>
/// <remarks>
/// Property shapes: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html,
/// aws-properties-ec2-security-group-rule.html, aws-resource-ec2-securitygroupingress.html, aws-resource-ec2-securitygroupegress.html.
/// </remarks>
internal sealed class CfnSecurityGroupExtractor
{
    private const string GroupType = "AWS::EC2::SecurityGroup";
    private const string IngressType = "AWS::EC2::SecurityGroupIngress";
    private const string EgressType = "AWS::EC2::SecurityGroupEgress";

    private static readonly HashSet<string> IngressFields = new(StringComparer.Ordinal)
    {
        "IpProtocol", "FromPort", "ToPort", "CidrIp", "CidrIpv6", "SourcePrefixListId", "SourceSecurityGroupId",
        "SourceSecurityGroupName", "SourceSecurityGroupOwnerId", "Description",
    };
    private static readonly HashSet<string> EgressFields = new(StringComparer.Ordinal)
    {
        "IpProtocol", "FromPort", "ToPort", "CidrIp", "CidrIpv6", "DestinationPrefixListId", "DestinationSecurityGroupId", "Description",
    };

    private readonly string _file;
    private readonly List<Diagnostic> _errors;
    private readonly List<Diagnostic> _warnings;
    private readonly Dictionary<string, GroupBuilder> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _groupsByName = new(StringComparer.Ordinal);
    // Kept apart from _groups: a literal target such as GroupName "Web" must not land on a group whose logical id is Web.
    private readonly Dictionary<string, GroupBuilder> _placeholders = new(StringComparer.Ordinal);
    private readonly List<GroupBuilder> _order = [];
    private CfnEvaluator _eval = null!;

    private sealed record Resource(string LogicalId, string Type, CfnMapping Body, int Line);

    private sealed class GroupBuilder(string key, SourceLocation origin)
    {
        public string Key { get; } = key;
        public SourceLocation Origin { get; } = origin;
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? VpcId { get; set; }
        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
        public List<SgRule> Rules { get; } = [];
        public List<(string PolicyId, string Reason)> Skips { get; } = [];
        public bool Inline { get; set; }
        public bool Standalone { get; set; }
        public bool EgressDeclared { get; set; }

        public SecurityGroup Build() => new(Key)
        {
            GroupId = Key.StartsWith("sg-", StringComparison.Ordinal) ? Key : null,
            Name = Name,
            Description = Description,
            VpcId = VpcId,
            ResourceType = GroupType,
            Tags = Tags,
            Rules = Rules.Distinct().ToList(),
            Style = (Inline, Standalone) switch
            {
                (true, true) => RuleStyle.Mixed,
                (true, false) => RuleStyle.Inline,
                (false, true) => RuleStyle.Standalone,
                _ => RuleStyle.None,
            },
            // False for placeholders too: a group created elsewhere keeps whatever egress it has; this template declares none.
            EgressDeclared = EgressDeclared,
            Skips = Skips,
            Origin = Origin,
        };
    }

    private CfnSecurityGroupExtractor(string file, List<Diagnostic> errors, List<Diagnostic> warnings)
    {
        _file = file;
        _errors = errors;
        _warnings = warnings;
    }

    /// <summary>Extracts the groups of <paramref name="root"/>; problems go to <paramref name="errors"/> and <paramref name="warnings"/>.</summary>
    public static IReadOnlyList<SecurityGroup> Extract(CfnNode root, string file, ReaderOptions options, CfnTreeLimits limits,
                                                       List<Diagnostic> errors, List<Diagnostic> warnings)
    {
        var extractor = new CfnSecurityGroupExtractor(file, errors, warnings);
        return extractor.Run(root, options, limits);
    }

    private IReadOnlyList<SecurityGroup> Run(CfnNode root, ReaderOptions options, CfnTreeLimits limits)
    {
        if (root is not CfnMapping template)
        {
            Error(root.Line, null, "a CloudFormation template must be a mapping with a Resources section");
            return [];
        }
        if (template.Get("Resources") is not CfnMapping resourcesNode)
        {
            Error(template.Get("Resources")?.Line ?? 1, null, "template has no Resources mapping");
            return [];
        }

        var resources = new List<Resource>(resourcesNode.Count);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < resourcesNode.Entries.Count; i++)
        {
            var (id, body) = resourcesNode.Entries[i];
            var line = resourcesNode.KeyLines[i];
            if (id.StartsWith("Fn::ForEach::", StringComparison.Ordinal))
            {
                Warn(line, id, $"{id}: Fn::ForEach (AWS::LanguageExtensions) is not expanded; resources generated by it are not read");
                continue;
            }
            if (body is not CfnMapping map) { Error(line, id, $"{id}: a resource must be a mapping with Type and Properties"); continue; }
            if (map.Get("Type") is not CfnScalar { Value: { } type }) { Error(line, id, $"{id}: resource has no Type"); continue; }
            types[id] = type;
            if (type is GroupType or IngressType or EgressType) resources.Add(new Resource(id, type, map, line));
        }
        _eval = new CfnEvaluator(template, types, _file, options, limits, _errors, _warnings);

        var included = resources.Where(IsIncluded).ToList();
        foreach (var r in included.Where(r => r.Type == GroupType)) ReadGroup(r);
        foreach (var r in included.Where(r => r.Type != GroupType)) ReadStandalone(r);
        return _order.Select(g => g.Build()).ToList();
    }

    /// <summary>A resource whose Condition is false is not created; an undecidable one is read (fail closed).</summary>
    private bool IsIncluded(Resource r)
    {
        if (r.Body.Get("Condition") is not { } conditionNode) return true;
        if (conditionNode is not CfnScalar { Value: { } condition })
        {
            Error(conditionNode.Line, r.LogicalId, $"{r.LogicalId}: Condition must name a condition");
            return true;
        }
        var value = _eval.Condition(condition, conditionNode.Line);
        if (value is null)
            Warn(conditionNode.Line, r.LogicalId, $"{r.LogicalId}: condition '{condition}' depends on deploy-time values; resource read as created");
        return value != false;
    }

    private CfnMapping? Properties(Resource r)
    {
        var node = r.Body.Get("Properties");
        if (node is null or CfnScalar { IsNull: true }) return new CfnMapping(r.Line); // "Properties:" left empty
        if (node is CfnMapping { IsIntrinsic: true }) node = _eval.Resolve(node);
        if (node is CfnMapping map) return map;
        Error(node.Line, r.LogicalId, $"{r.LogicalId}: Properties must be a mapping");
        return null;
    }

    private void ReadGroup(Resource r)
    {
        var origin = new SourceLocation(_file, r.Line, r.LogicalId);
        var group = new GroupBuilder(r.LogicalId, origin);
        _groups[r.LogicalId] = group;
        _order.Add(group);
        ReadSkips(r, group);
        if (Properties(r) is not { } props) return;

        group.Name = Text(props.Get("GroupName"));
        group.Description = Text(props.Get("GroupDescription"));
        group.VpcId = props.Get("VpcId") is { } vpc && _eval.Resolve(vpc) is CfnScalar { Value: { } vpcId } ? vpcId : null;
        if (group.Name is not null) _groupsByName.TryAdd(group.Name, r.LogicalId);
        ReadTags(props.Get("Tags"), group, r.LogicalId);

        foreach (var (property, direction) in new[] { ("SecurityGroupIngress", Direction.Ingress), ("SecurityGroupEgress", Direction.Egress) })
        {
            if (props.Get(property) is not { } rulesNode) continue;
            var declared = false;
            foreach (var rule in Items(rulesNode, r, property))
            {
                declared = true;
                if (rule is CfnMapping ruleMap && !ruleMap.IsIntrinsic) AddRule(group, ruleMap, direction, r.LogicalId, rule.Line, standalone: false);
                else if (rule is CfnUnknown unknown)
                    Warn(rule.Line, r.LogicalId, $"{r.LogicalId}: a {property} entry is known only at deploy time ({unknown.Expression}); not evaluated");
                else Error(rule.Line, r.LogicalId, $"{r.LogicalId}: each {property} entry must be a mapping of rule properties");
            }
            if (declared || HasList(rulesNode)) group.Inline = true;
            // An empty SecurityGroupEgress list is as good as none: CloudFormation then keeps EC2's allow-all egress
            // (only a rule of one's own replaces it; the documented way to allow nothing is a dummy rule).
            if (direction == Direction.Egress) group.EgressDeclared = declared;
        }
    }

    /// <summary>True when some alternative of <paramref name="node"/> is a list (possibly empty).</summary>
    private bool HasList(CfnNode node) => _eval.Alternatives(node).Any(a => a is CfnSequence);

    /// <summary>The resolved entries of a rule list, branches of undecidable <c>Fn::If</c> included.</summary>
    private IEnumerable<CfnNode> Items(CfnNode listNode, Resource r, string property)
    {
        foreach (var alternative in _eval.Alternatives(listNode))
        {
            if (alternative is CfnSequence seq)
            {
                foreach (var item in seq.Items)
                    foreach (var itemAlternative in _eval.Alternatives(item))
                        if (_eval.Resolve(itemAlternative) is var resolved and not CfnNoValue) yield return resolved;
                continue;
            }
            switch (_eval.Resolve(alternative))
            {
                case CfnNoValue or CfnScalar { IsNull: true }:
                    break;
                case CfnSequence resolvedList:
                    foreach (var item in resolvedList.Items) yield return item;
                    break;
                case CfnUnknown unknown:
                    Warn(alternative.Line, r.LogicalId, $"{r.LogicalId}: {property} is known only at deploy time ({unknown.Expression}); not evaluated");
                    break;
                default:
                    Error(alternative.Line, r.LogicalId, $"{r.LogicalId}: {property} must be a list of rules");
                    break;
            }
        }
    }

    private void ReadStandalone(Resource r)
    {
        var direction = r.Type == IngressType ? Direction.Ingress : Direction.Egress;
        if (Properties(r) is not { } rawProps) return;
        if (_eval.Resolve(rawProps) is not CfnMapping props) return;

        var groupId = props.Get("GroupId");
        var groupName = direction == Direction.Ingress ? props.Get("GroupName") : null;
        if (groupId is not null && groupName is not null)
            Error(r.Line, r.LogicalId, $"{r.LogicalId}: GroupId and GroupName are mutually exclusive; set one");
        var target = groupId ?? groupName;
        if (target is null)
        {
            Error(r.Line, r.LogicalId, $"{r.LogicalId}: {r.Type} needs GroupId{(direction == Direction.Ingress ? " or GroupName" : "")}");
            return;
        }
        var group = TargetGroup(target, byName: groupId is null, r);
        group.Standalone = true;
        ReadSkips(r, group);
        AddRule(group, props, direction, r.LogicalId, r.Line, standalone: true);
    }

    private GroupBuilder TargetGroup(CfnNode target, bool byName, Resource r)
    {
        string key;
        switch (target)
        {
            case CfnGroupRef g when _groups.TryGetValue(g.LogicalId, out var declared):
                return declared;
            case CfnGroupRef g:
                key = g.LogicalId; // a group whose Condition is false: keep the rule visible on a placeholder
                break;
            case CfnScalar { Value: { } text } when byName && _groupsByName.TryGetValue(text, out var logicalId):
                return _groups[logicalId];
            case CfnScalar { Value: { } text }:
                key = text;
                break;
            case CfnUnknown u:
                key = u.Expression;
                break;
            default:
                Error(target.Line, r.LogicalId, $"{r.LogicalId}: {(byName ? "GroupName" : "GroupId")} must be a single value");
                key = target.Render();
                break;
        }
        if (_placeholders.TryGetValue(key, out var existing)) return existing;
        var placeholder = new GroupBuilder(key, new SourceLocation(_file, r.Line, r.LogicalId))
        {
            Name = byName && target is CfnScalar ? key : null,
        };
        _placeholders[key] = placeholder;
        _order.Add(placeholder);
        return placeholder;
    }

    private void AddRule(GroupBuilder group, CfnMapping rule, Direction direction, string resource, int line, bool standalone)
    {
        var ingress = direction == Direction.Ingress;
        var known = ingress ? IngressFields : EgressFields;
        foreach (var (key, _) in rule.Entries)
        {
            if (known.Contains(key) || (standalone && (key == "GroupId" || (ingress && key == "GroupName")))) continue;
            Warn(line, resource, $"{resource}: property '{key}' is not a {(ingress ? "SecurityGroupIngress" : "SecurityGroupEgress")} property; ignored");
        }

        var peerFields = ingress
            ? new[] { "CidrIp", "CidrIpv6", "SourcePrefixListId", "SourceSecurityGroupId", "SourceSecurityGroupName" }
            : ["CidrIp", "CidrIpv6", "DestinationPrefixListId", "DestinationSecurityGroupId"];
        var peersSet = peerFields.Where(f => rule.Get(f) is { } v && v is not CfnScalar { IsNull: true }).ToList();
        if (peersSet.Count > 1)
            Error(line, resource, $"{resource}: a rule must set exactly one peer, but sets {string.Join(" and ", peersSet)} (EC2 rejects it)");

        var groups = new List<RawValue>();
        foreach (var field in ingress ? new[] { "SourceSecurityGroupId", "SourceSecurityGroupName" } : ["DestinationSecurityGroupId"])
        {
            if (rule.Get(field) is not { } node) continue;
            var value = Value(node, field, resource, groupField: true);
            // A literal id must be an sg- id; a Ref to a template group resolves to its logical id instead.
            if (field.EndsWith("Id", StringComparison.Ordinal) && node is CfnScalar && value is { IsUnknown: false, Text: { } id } &&
                !id.StartsWith("sg-", StringComparison.Ordinal))
            {
                Error(node.Line, resource, $"{resource}: {field} '{id}' is not a security group id (sg-…)");
                continue;
            }
            if (!value.IsMissing) groups.Add(value);
        }

        var raw = new RawRule
        {
            Group = group.Key,
            Direction = direction,
            Protocol = Field(rule, "IpProtocol", resource),
            FromPort = Field(rule, "FromPort", resource),
            ToPort = Field(rule, "ToPort", resource),
            Cidrs = Peers(rule, "CidrIp", resource),
            Ipv6Cidrs = Peers(rule, "CidrIpv6", resource),
            PrefixLists = Peers(rule, ingress ? "SourcePrefixListId" : "DestinationPrefixListId", resource),
            Groups = groups,
            Description = rule.Get("Description") switch
            {
                null => null,
                var d => Description(d),
            },
            Origin = new SourceLocation(_file, line, resource),
        };
        var expansion = AtomicRuleFactory.Expand(raw);
        group.Rules.AddRange(expansion.Rules);
        _errors.AddRange(expansion.Errors);
        _warnings.AddRange(expansion.Warnings);
    }

    private RawValue Field(CfnMapping rule, string field, string resource) =>
        rule.Get(field) is { } node ? Value(node, field, resource, groupField: false) : RawValue.Missing;

    private IReadOnlyList<RawValue> Peers(CfnMapping rule, string field, string resource) =>
        rule.Get(field) is { } node && Value(node, field, resource, groupField: false) is { IsMissing: false } v ? [v] : [];

    /// <summary>A resolved scalar as a raw value: dynamic references (<c>{{resolve:…}}</c>) and intrinsics are unknown.</summary>
    private RawValue Value(CfnNode node, string field, string resource, bool groupField)
    {
        switch (node)
        {
            case CfnScalar { Value: null } or CfnNoValue:
                return RawValue.Missing;
            case CfnScalar { Value: { } text } when text.Contains("{{resolve:", StringComparison.Ordinal):
                return RawValue.Unknown(text);
            case CfnScalar { Value: { } text }:
                return RawValue.Of(text);
            case CfnGroupRef g when groupField:
                return RawValue.Of(g.LogicalId);
            case CfnGroupRef g:
                Error(node.Line, resource, $"{resource}: {field} refers to security group {g.LogicalId}, not a value of that kind");
                return RawValue.Unknown(g.Render());
            case CfnUnknown u:
                return RawValue.Unknown(u.Expression);
            default:
                Error(node.Line, resource, $"{resource}: {field} must be a single value, not a {(node is CfnSequence ? "list" : "mapping")}");
                return RawValue.Unknown(node.Render());
        }
    }

    /// <summary>Descriptions keep unresolved <c>${X}</c> of <c>Fn::Sub</c> so that drift can substitute physical ids.</summary>
    private string? Description(CfnNode node) => node switch
    {
        CfnScalar s => s.Value,
        CfnUnknown { PartialText: { } partial } => partial,
        CfnUnknown u => u.Expression,
        CfnGroupRef g => "${" + g.LogicalId + "}",
        _ => node.Render(),
    };

    private string? Text(CfnNode? node) => node is null ? null : _eval.Resolve(node) switch
    {
        CfnScalar s => s.Value,
        CfnUnknown u => u.PartialText ?? u.Expression,
        _ => null,
    };

    private void ReadTags(CfnNode? node, GroupBuilder group, string resource)
    {
        if (node is null) return;
        if (_eval.Resolve(node) is not CfnSequence tags)
        {
            Warn(node.Line, resource, $"{resource}: Tags must be a list of Key/Value mappings; ignored");
            return;
        }
        foreach (var tag in tags.Items)
        {
            if (tag is CfnMapping t && t.Get("Key") is CfnScalar { Value: { } key })
                group.Tags[key] = Description(t.Get("Value") ?? new CfnScalar(tag.Line, "")) ?? "";
            else Warn(tag.Line, resource, $"{resource}: a tag must be a mapping with Key and Value; ignored");
        }
    }

    /// <summary>Reads <c>Metadata.driftguard.skip: [{id, reason}]</c>, the template's own waivers.</summary>
    private void ReadSkips(Resource r, GroupBuilder group)
    {
        if ((r.Body.Get("Metadata") as CfnMapping)?.Get("driftguard") is not CfnMapping driftguard || driftguard.Get("skip") is not { } skipNode) return;
        if (skipNode is not CfnSequence skips)
        {
            Warn(skipNode.Line, r.LogicalId, $"{r.LogicalId}: Metadata.driftguard.skip must be a list of {{id, reason}}; ignored");
            return;
        }
        foreach (var skip in skips.Items)
        {
            if (skip is CfnMapping s && s.Get("id") is CfnScalar { Value: { Length: > 0 } id })
                group.Skips.Add((id, (s.Get("reason") as CfnScalar)?.Value ?? ""));
            else Warn(skip.Line, r.LogicalId, $"{r.LogicalId}: a Metadata.driftguard.skip entry needs an id; ignored");
        }
    }

    private void Error(int line, string? resource, string message) => _errors.Add(new Diagnostic(_file, line, message) { Resource = resource });

    private void Warn(int line, string? resource, string message) => _warnings.Add(new Diagnostic(_file, line, message) { Resource = resource });
}
