using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>What a plan's <c>configuration</c> says about one resource: which attributes are written, and their references.</summary>
internal sealed class TerraformConfigInfo
{
    public HashSet<string> Attributes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> References { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads an <c>expressions</c> object (https://developer.hashicorp.com/terraform/internals/json-format#expression-representation).</summary>
    public static TerraformConfigInfo From(JsonElement expressions)
    {
        var info = new TerraformConfigInfo();
        if (expressions.ValueKind != JsonValueKind.Object) return info;
        foreach (var p in expressions.EnumerateObject())
        {
            info.Attributes.Add(p.Name);
            if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array)
                info.References[p.Name] = [.. refs.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)];
        }
        return info;
    }
}

/// <summary>One Terraform resource instance being read.</summary>
/// <param name="Address">Full address with module path and instance key.</param>
/// <param name="Type">Resource type.</param>
/// <param name="ModulePath">Module instance path (<c>module.a["k"].module.b</c>), null for the root module.</param>
/// <param name="Origin">File, line and address of the resource object.</param>
/// <param name="Config">Plan configuration of the resource; null when the file has none (then unknown values are taken as written).</param>
internal sealed record TerraformResource(string Address, string Type, string? ModulePath, SourceLocation Origin, TerraformConfigInfo? Config);

/// <summary>
/// Maps the values of one supported resource to a <see cref="GroupDeclaration"/> or a
/// <see cref="StandaloneRuleDeclaration"/>. Attribute names follow the Terraform AWS provider:
/// <c>aws_security_group</c> (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group),
/// <c>aws_security_group_rule</c>, <c>aws_vpc_security_group_ingress_rule</c> / <c>_egress_rule</c>.
/// </summary>
internal static class TerraformResourceMapper
{
    private static readonly string[] AllPeerKinds = ["cidr", "ipv6", "prefix-list", "group"];

    /// <summary>Maps <paramref name="values"/>; shape problems become errors on <paramref name="into"/>, never exceptions.</summary>
    public static void Map(TerraformResource resource, TfObject values, TerraformGroupAssembler into)
    {
        if (values.Values.ValueKind != JsonValueKind.Object)
        {
            into.Error(resource.Origin.Line, resource.Address, $"values must be an object, got {TfObject.Describe(values.Values)}");
            return;
        }
        try
        {
            switch (resource.Type)
            {
                case "aws_security_group" or "aws_default_security_group":
                    into.Add(MapGroup(resource, values, into));
                    break;
                case "aws_security_group_rule":
                    if (MapRule(resource, values, into) is { } rule) into.Add(rule);
                    break;
                case "aws_vpc_security_group_ingress_rule" or "aws_vpc_security_group_egress_rule":
                    if (MapVpcRule(resource, values, into) is { } vpcRule) into.Add(vpcRule);
                    break;
            }
        }
        catch (TerraformShapeException ex)
        {
            into.Error(resource.Origin.Line, resource.Address, ex.Message);
        }
    }

    private static GroupDeclaration MapGroup(TerraformResource r, TfObject v, TerraformGroupAssembler into)
    {
        var group = new GroupDeclaration(r.Address, r.Origin)
        {
            GroupId = Known(v.Text("id")),
            Name = Known(v.Text("name")),
            Description = v.Text("description"),
            VpcId = Known(v.Text("vpc_id")),
            OwnerId = Known(v.Text("owner_id")),
            Tags = v.Map("tags"),
            ResourceType = r.Type,
            IsDefault = r.Type == "aws_default_security_group",
        };
        foreach (var (name, direction) in new[] { ("ingress", Direction.Ingress), ("egress", Direction.Egress) })
            ReadBlocks(r, v, name, direction, group.Inline, into);
        return group;
    }

    /// <summary>Inline <c>ingress</c>/<c>egress</c>: a list of blocks (state, plan, tf.json) or one block object (tf.json).</summary>
    private static void ReadBlocks(TerraformResource r, TfObject v, string name, Direction direction, List<RawRule> into, TerraformGroupAssembler diagnostics)
    {
        var value = v.Get(name);
        var wholeUnknown = v.IsUnknown(name) || (v.Interpolation && value.ValueKind == JsonValueKind.String && TfObject.IsInterpolated(value.GetString()));
        if (wholeUnknown)
        {
            // A list that is neither configured nor known is computed by the provider (rules managed elsewhere).
            // When the configuration writes it, its rules are unknown until apply: fail closed.
            if (r.Config is null || r.Config.Attributes.Contains(name))
                into.Add(UnknownRule(r, direction, $"{name} (known after apply)"));
            return;
        }
        var unknown = v.UnknownOf(name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return;
            case JsonValueKind.Object:
                AddBlock(value, unknown, name);
                return;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    var itemUnknown = unknown.ValueKind == JsonValueKind.Array && i < unknown.GetArrayLength() ? unknown[i] : default;
                    if (itemUnknown.ValueKind == JsonValueKind.True) into.Add(UnknownRule(r, direction, $"{name}[{i}] (known after apply)"));
                    else AddBlock(item, itemUnknown, $"{name}[{i}]");
                    i++;
                }
                return;
            default:
                diagnostics.Error(r.Origin.Line, r.Address, $"{name} must be a list of rule blocks, got {TfObject.Describe(value)}");
                return;
        }

        void AddBlock(JsonElement block, JsonElement blockUnknown, string where)
        {
            if (block.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Error(r.Origin.Line, r.Address, $"{where} must be a rule block object, got {TfObject.Describe(block)}");
                return;
            }
            try
            {
                var b = v.Child(block, blockUnknown);
                var cidrs = b.List("cidr_blocks");
                var ipv6 = b.List("ipv6_cidr_blocks");
                var lists = b.List("prefix_list_ids");
                var groups = b.List("security_groups");
                var self = b.Flag("self");
                into.Add(new RawRule
                {
                    Group = r.Address,
                    Direction = direction,
                    Protocol = b.Scalar("protocol"),
                    FromPort = b.Scalar("from_port"),
                    ToPort = b.Scalar("to_port"),
                    Cidrs = cidrs.Items,
                    Ipv6Cidrs = ipv6.Items,
                    PrefixLists = lists.Items,
                    Groups = groups.Items,
                    Self = self.Value,
                    Description = b.Text("description"),
                    Origin = r.Origin,
                    UnknownSourceKinds = UnknownKinds(cidrs.WholeUnknown, ipv6.WholeUnknown, lists.WholeUnknown, groups.WholeUnknown || self.Unknown),
                });
            }
            catch (TerraformShapeException ex)
            {
                diagnostics.Error(r.Origin.Line, r.Address, $"{where}: {ex.Message}");
            }
        }
    }

    private static StandaloneRuleDeclaration? MapRule(TerraformResource r, TfObject v, TerraformGroupAssembler into)
    {
        var direction = ReadDirection(r, v.Scalar("type"), into);
        if (direction is null) return null;
        var cidrs = v.List("cidr_blocks");
        var ipv6 = v.List("ipv6_cidr_blocks");
        var lists = v.List("prefix_list_ids");
        var self = v.Flag("self");
        var source = v.Scalar("source_security_group_id");
        var target = v.Scalar("security_group_id");
        if (source.IsUnknown && !v.Interpolation)
        {
            // source_security_group_id is Optional+Computed: a plan marks it unknown even when the rule uses
            // CIDRs or self. It is a real unknown peer only when the configuration writes it.
            var written = r.Config?.Attributes.Contains("source_security_group_id")
                ?? (cidrs.Items.Count == 0 && ipv6.Items.Count == 0 && !self.Value && !cidrs.WholeUnknown && !ipv6.WholeUnknown);
            if (!written) source = RawValue.Missing;
        }
        // Terraform may store a self rule with source_security_group_id set to the group itself: one peer.
        if (self.Value && !source.IsUnknown && source.Text is { } s && s == target.Text) source = RawValue.Missing;
        var rule = new RawRule
        {
            Group = "",
            Direction = direction.Value,
            Protocol = v.Scalar("protocol"),
            FromPort = v.Scalar("from_port"),
            ToPort = v.Scalar("to_port"),
            Cidrs = cidrs.Items,
            Ipv6Cidrs = ipv6.Items,
            PrefixLists = lists.Items,
            Groups = source.IsMissing || (source.Text is { } t && string.IsNullOrWhiteSpace(t)) ? [] : [source],
            Self = self.Value,
            Description = v.Text("description"),
            Origin = r.Origin,
            UnknownSourceKinds = UnknownKinds(cidrs.WholeUnknown, ipv6.WholeUnknown, lists.WholeUnknown, self.Unknown),
        };
        return Target(r, rule, target, into);
    }

    private static StandaloneRuleDeclaration? MapVpcRule(TerraformResource r, TfObject v, TerraformGroupAssembler into)
    {
        static IReadOnlyList<RawValue> One(RawValue x) => x.IsMissing || (x.Text is { } t && string.IsNullOrWhiteSpace(t)) ? [] : [x];
        var rule = new RawRule
        {
            Group = "",
            Direction = r.Type == "aws_vpc_security_group_ingress_rule" ? Direction.Ingress : Direction.Egress,
            Protocol = v.Scalar("ip_protocol"),
            FromPort = v.Scalar("from_port"),
            ToPort = v.Scalar("to_port"),
            Cidrs = One(v.Scalar("cidr_ipv4")),
            Ipv6Cidrs = One(v.Scalar("cidr_ipv6")),
            PrefixLists = One(v.Scalar("prefix_list_id")),
            Groups = One(v.Scalar("referenced_security_group_id")),
            Description = v.Text("description"),
            Origin = r.Origin,
        };
        return Target(r, rule, v.Scalar("security_group_id"), into);
    }

    private static StandaloneRuleDeclaration? Target(TerraformResource r, RawRule rule, RawValue target, TerraformGroupAssembler into)
    {
        if (target.IsMissing || (target.Text is { } t && string.IsNullOrWhiteSpace(t)))
        {
            into.Error(r.Origin.Line, r.Address, "security_group_id is missing: the rule targets no group");
            return null;
        }
        if (!target.IsUnknown) return new(rule, target.Text!.Trim(), [], null);
        if (target.Expression is { } expression && TfObject.IsInterpolated(expression))
        {
            var address = TerraformAddress.GroupOfInterpolation(expression);
            return address is null
                ? new(rule, null, [], expression)
                : new(rule, null, [TerraformAddress.InModule(r.ModulePath, address)], null);
        }
        var refs = r.Config?.References.GetValueOrDefault("security_group_id") ?? [];
        return new(rule, null, [.. refs.Select(x => TerraformAddress.InModule(r.ModulePath, x))],
            refs.Count == 0 ? "security_group_id (known after apply)" : null);
    }

    private static Direction? ReadDirection(TerraformResource r, RawValue type, TerraformGroupAssembler into)
    {
        if (type.IsUnknown)
        {
            into.Warning(r.Origin.Line, r.Address, "type is unknown until apply; evaluated as ingress");
            return Direction.Ingress;
        }
        switch (type.Text?.Trim().ToLowerInvariant())
        {
            case "ingress": return Direction.Ingress;
            case "egress": return Direction.Egress;
            case null: into.Error(r.Origin.Line, r.Address, "type is missing (must be ingress or egress)"); return null;
            default: into.Error(r.Origin.Line, r.Address, $"type '{type.Text}' must be ingress or egress"); return null;
        }
    }

    private static RawRule UnknownRule(TerraformResource r, Direction direction, string expression) => new()
    {
        Group = r.Address,
        Direction = direction,
        Protocol = RawValue.Unknown(expression),
        FromPort = RawValue.Unknown(expression),
        ToPort = RawValue.Unknown(expression),
        Origin = r.Origin,
        UnknownSourceKinds = AllPeerKinds,
    };

    private static IReadOnlyList<string> UnknownKinds(bool cidr, bool ipv6, bool prefixList, bool group)
    {
        if (!(cidr || ipv6 || prefixList || group)) return [];
        var kinds = new List<string>(4);
        if (cidr) kinds.Add("cidr");
        if (ipv6) kinds.Add("ipv6");
        if (prefixList) kinds.Add("prefix-list");
        if (group) kinds.Add("group");
        return kinds;
    }

    private static string? Known(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
