using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// One <c>aws_security_group</c> / <c>aws_default_security_group</c> read straight from a plan's <c>planned_values</c>:
/// its attributes as written and its inline rules already expanded, before <c>after_unknown</c> is known (it comes
/// later in the file). <see cref="ToDeclaration"/> applies the attribute-level unknowns.
/// </summary>
internal sealed class PlannedGroup(string address, string type, SourceLocation origin)
{
    public string Address { get; } = address;
    public string Type { get; } = type;
    public SourceLocation Origin { get; } = origin;
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? VpcId { get; init; }
    public string? OwnerId { get; init; }
    public required Dictionary<string, string> Tags { get; init; }
    public bool HadInline { get; init; }
    public required List<SgRule> Rules { get; init; }
    public required IReadOnlyList<Diagnostic> Errors { get; init; }
    public required IReadOnlyList<Diagnostic> Warnings { get; init; }

    /// <summary>The group as <see cref="TerraformResourceMapper"/> would declare it, the attributes marked unknown in <paramref name="unknown"/> dropped.</summary>
    public GroupDeclaration ToDeclaration(PlanUnknowns unknown) => new(Address, Origin)
    {
        GroupId = unknown.HasFlag(PlanUnknowns.Id) ? null : Known(Id),
        Name = unknown.HasFlag(PlanUnknowns.Name) ? null : Known(Name),
        Description = unknown.HasFlag(PlanUnknowns.Description) ? null : Description,
        VpcId = unknown.HasFlag(PlanUnknowns.VpcId) ? null : Known(VpcId),
        OwnerId = unknown.HasFlag(PlanUnknowns.OwnerId) ? null : Known(OwnerId),
        Tags = Tags,
        ResourceType = Type,
        IsDefault = Type == "aws_default_security_group",
    };

    private static string? Known(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

/// <summary>What a resource's <c>after_unknown</c> marks unknown, as far as a group read directly needs to know.</summary>
[Flags]
internal enum PlanUnknowns
{
    None = 0,
    Id = 1,
    Name = 2,
    Description = 4,
    VpcId = 8,
    OwnerId = 16,
    /// <summary>Something under <c>ingress</c> or <c>egress</c> is unknown: the group needs the general mapper.</summary>
    Rules = 32,
}

/// <summary>
/// Reads the <c>values</c> object of a planned security group directly with <see cref="Utf8JsonReader"/> into raw
/// rules and expands them with <see cref="AtomicRuleFactory"/>, allocating little per rule. It reads the shape
/// Terraform writes (rule blocks as a list of objects; peers as lists of strings; ports as numbers or strings;
/// <c>self</c> as a bool), exactly as <see cref="TerraformResourceMapper"/> reads it (the last of a repeated key
/// wins, null list items are dropped). For any other shape it gives up (returns null) after consuming the value:
/// the resource is then read again by the general mapper, which owns every shape error message.
/// Attributes: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group.
/// </summary>
internal sealed class PlannedGroupReader(JsonStreamCursor cursor, Utf8StringPool pool)
{
    private static readonly IReadOnlyList<RawValue> NoValues = [];
    private readonly List<Diagnostic> _errors = [];
    private readonly List<Diagnostic> _warnings = [];

    /// <summary>Reads the values object the reader is on (StartObject); on return the reader is on its EndObject.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PlannedGroup? Read(ref Utf8JsonReader r, string address, string type, SourceLocation origin)
    {
        var ok = true;
        string? id = null, name = null, description = null, vpcId = null, ownerId = null;
        Dictionary<string, string>? tags = null;
        List<RawRule>? ingress = null, egress = null;
        while (cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("ingress"u8)) ok &= ReadBlocks(ref r, Direction.Ingress, address, origin, out ingress);
            else if (r.ValueTextEquals("egress"u8)) ok &= ReadBlocks(ref r, Direction.Egress, address, origin, out egress);
            else if (r.ValueTextEquals("id"u8)) id = Text(ref r, pooled: false);
            else if (r.ValueTextEquals("name"u8)) name = Text(ref r, pooled: false);
            else if (r.ValueTextEquals("description"u8)) description = Text(ref r, pooled: false);
            else if (r.ValueTextEquals("vpc_id"u8)) vpcId = Text(ref r, pooled: true);
            else if (r.ValueTextEquals("owner_id"u8)) ownerId = Text(ref r, pooled: true);
            else if (r.ValueTextEquals("tags"u8)) tags = Tags(ref r);
            else cursor.Skip(ref r);
        }
        if (!ok) return null;

        // Expanded now, in the mapper's order (ingress, then egress), so the raw rules die young.
        var rules = new List<SgRule>((ingress?.Count ?? 0) + (egress?.Count ?? 0));
        _errors.Clear();
        _warnings.Clear();
        if (ingress is not null) foreach (var raw in ingress) AtomicRuleFactory.ExpandInto(raw, rules, _errors, _warnings);
        if (egress is not null) foreach (var raw in egress) AtomicRuleFactory.ExpandInto(raw, rules, _errors, _warnings);
        return new PlannedGroup(address, type, origin)
        {
            Id = id,
            Name = name,
            Description = description,
            VpcId = vpcId,
            OwnerId = ownerId,
            Tags = tags ?? new Dictionary<string, string>(StringComparer.Ordinal),
            HadInline = (ingress?.Count ?? 0) + (egress?.Count ?? 0) > 0,
            Rules = rules,
            Errors = _errors.Count == 0 ? [] : [.. _errors],
            Warnings = _warnings.Count == 0 ? [] : [.. _warnings],
        };
    }

    /// <summary><c>ingress</c>/<c>egress</c>: null, or a list of rule block objects.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadBlocks(ref Utf8JsonReader r, Direction direction, string address, SourceLocation origin, out List<RawRule>? blocks)
    {
        blocks = null;
        cursor.Read(ref r);
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.StartArray)
        {
            cursor.Skip(ref r);
            return false;
        }
        blocks = [];
        var ok = true;
        while (cursor.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                cursor.Skip(ref r);
                ok = false;
                continue;
            }
            if (ReadBlock(ref r, direction, address, origin) is { } rule) blocks.Add(rule);
            else ok = false;
        }
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RawRule? ReadBlock(ref Utf8JsonReader r, Direction direction, string address, SourceLocation origin)
    {
        var ok = true;
        IReadOnlyList<RawValue> cidrs = NoValues, ipv6 = NoValues, lists = NoValues, groups = NoValues;
        RawValue protocol = RawValue.Missing, from = RawValue.Missing, to = RawValue.Missing;
        var self = false;
        string? description = null;
        while (cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            switch (BlockKeyOf(ref r))
            {
                case BlockKey.Cidrs: ok &= List(ref r, out cidrs); break;
                case BlockKey.Protocol: ok &= Scalar(ref r, out protocol); break;
                case BlockKey.FromPort: ok &= Scalar(ref r, out from); break;
                case BlockKey.ToPort: ok &= Scalar(ref r, out to); break;
                case BlockKey.Description: description = Text(ref r, pooled: true); break;
                case BlockKey.Ipv6Cidrs: ok &= List(ref r, out ipv6); break;
                case BlockKey.PrefixLists: ok &= List(ref r, out lists); break;
                case BlockKey.Groups: ok &= List(ref r, out groups); break;
                case BlockKey.Self: ok &= Flag(ref r, out self); break;
                default: cursor.Skip(ref r); break;
            }
        }
        if (!ok) return null;
        return new RawRule
        {
            Group = address,
            Direction = direction,
            Protocol = protocol,
            FromPort = from,
            ToPort = to,
            Cidrs = cidrs,
            Ipv6Cidrs = ipv6,
            PrefixLists = lists,
            Groups = groups,
            Self = self,
            Description = description,
            Origin = origin,
        };
    }

    private enum BlockKey { Other, Cidrs, Ipv6Cidrs, PrefixLists, Groups, Self, Protocol, FromPort, ToPort, Description }

    /// <summary>The rule block attribute named by the current property: one length switch and one comparison (100,000s of blocks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BlockKey BlockKeyOf(ref Utf8JsonReader r)
    {
        if (r.ValueIsEscaped || r.HasValueSequence) return BlockKeyOfEscaped(ref r);
        var name = r.ValueSpan;
        return name.Length switch
        {
            4 when name.SequenceEqual("self"u8) => BlockKey.Self,
            7 when name.SequenceEqual("to_port"u8) => BlockKey.ToPort,
            8 when name.SequenceEqual("protocol"u8) => BlockKey.Protocol,
            9 when name.SequenceEqual("from_port"u8) => BlockKey.FromPort,
            11 when name.SequenceEqual("cidr_blocks"u8) => BlockKey.Cidrs,
            11 when name.SequenceEqual("description"u8) => BlockKey.Description,
            15 when name.SequenceEqual("prefix_list_ids"u8) => BlockKey.PrefixLists,
            15 when name.SequenceEqual("security_groups"u8) => BlockKey.Groups,
            16 when name.SequenceEqual("ipv6_cidr_blocks"u8) => BlockKey.Ipv6Cidrs,
            _ => BlockKey.Other,
        };
    }

    private static BlockKey BlockKeyOfEscaped(ref Utf8JsonReader r) =>
        r.ValueTextEquals("cidr_blocks"u8) ? BlockKey.Cidrs :
        r.ValueTextEquals("protocol"u8) ? BlockKey.Protocol :
        r.ValueTextEquals("from_port"u8) ? BlockKey.FromPort :
        r.ValueTextEquals("to_port"u8) ? BlockKey.ToPort :
        r.ValueTextEquals("description"u8) ? BlockKey.Description :
        r.ValueTextEquals("ipv6_cidr_blocks"u8) ? BlockKey.Ipv6Cidrs :
        r.ValueTextEquals("prefix_list_ids"u8) ? BlockKey.PrefixLists :
        r.ValueTextEquals("security_groups"u8) ? BlockKey.Groups :
        r.ValueTextEquals("self"u8) ? BlockKey.Self : BlockKey.Other;

    /// <summary>A list of strings (null items dropped), or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool List(ref Utf8JsonReader r, out IReadOnlyList<RawValue> items)
    {
        items = NoValues;
        cursor.Read(ref r);
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.StartArray)
        {
            cursor.Skip(ref r);
            return false;
        }
        List<RawValue>? list = null;
        var ok = true;
        while (cursor.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType == JsonTokenType.String) (list ??= new List<RawValue>(1)).Add(RawValue.Of(pool.Get(ref r)));
            else if (r.TokenType != JsonTokenType.Null)
            {
                cursor.Skip(ref r);
                ok = false;
            }
        }
        if (list is not null) items = list;
        return ok;
    }

    /// <summary>A scalar as invariant text: string, number (ports share their strings), bool; null is missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Scalar(ref Utf8JsonReader r, out RawValue value)
    {
        value = RawValue.Missing;
        cursor.Read(ref r);
        switch (r.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                value = RawValue.Of(pool.Get(ref r));
                return true;
            case JsonTokenType.Number:
                value = RawValue.Of(r.TryGetInt32(out var n) && n is >= -1 and <= 65535 ? TfObject.SmallNumberText(n) : Encoding.UTF8.GetString(r.ValueSpan));
                return true;
            case JsonTokenType.True:
                value = RawValue.Of("true");
                return true;
            case JsonTokenType.False:
                value = RawValue.Of("false");
                return true;
            default:
                cursor.Skip(ref r);
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Flag(ref Utf8JsonReader r, out bool value)
    {
        value = false;
        cursor.Read(ref r);
        switch (r.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False or JsonTokenType.Null:
                return true;
            default:
                cursor.Skip(ref r);
                return false;
        }
    }

    /// <summary>A string attribute; any other value reads as null (as <see cref="TfObject.Text"/> does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? Text(ref Utf8JsonReader r, bool pooled)
    {
        cursor.Read(ref r);
        if (r.TokenType == JsonTokenType.String) return pooled ? pool.Get(ref r) : r.GetString();
        cursor.Skip(ref r);
        return null;
    }

    /// <summary>String tags; other values and the <c>//</c> comment key skipped (as <see cref="TfObject.Map"/> does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Dictionary<string, string> Tags(ref Utf8JsonReader r)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        cursor.Read(ref r);
        if (r.TokenType != JsonTokenType.StartObject)
        {
            cursor.Skip(ref r);
            return map;
        }
        while (cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            var comment = r.ValueTextEquals("//"u8);
            var key = pool.Get(ref r);
            cursor.Read(ref r);
            if (r.TokenType == JsonTokenType.String && !comment) map[key] = pool.Get(ref r);
            else cursor.Skip(ref r);
        }
        return map;
    }
}
