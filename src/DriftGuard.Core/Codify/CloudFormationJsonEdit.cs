using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Codify.JsonSpanTree;

namespace DriftGuard.Core.Codify;

/// <summary>
/// Inserts one rule object into <c>Resources.ID.Properties.SecurityGroupIngress</c> (or <c>Egress</c>) of a JSON
/// CloudFormation template, copying the whitespace, separators and key order of the entries already there; a missing
/// <c>SecurityGroupIngress</c> is added after the last property in the style of <c>Properties</c>. Every other
/// character is kept. Keys follow
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html
/// (and <c>-egress</c>).
/// </summary>
internal static class CloudFormationJsonEdit
{
    /// <summary>The outcome: the edited text, or the reason no safe edit exists.</summary>
    internal sealed record Result(string? Edited, string? Reason);

    private static readonly string[] PeerKeys =
    [
        "CidrIp", "CidrIpv6", "SourcePrefixListId", "DestinationPrefixListId", "SourceSecurityGroupId",
        "DestinationSecurityGroupId", "SourceSecurityGroupName",
    ];

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The rule as a stand-alone JSON object, two-space indented, for the pull-request body.</summary>
    public static string Code(SgRule rule, string logicalId)
    {
        var entries = Entries(rule, logicalId, quotedPorts: false, ": ", placeholder: true)!;
        return "{\n  " + string.Join(",\n  ", entries.Select(e => Quote(e.Key) + ": " + e.Value)) + "\n}\n";
    }

    /// <summary>Edits <paramref name="text"/>; <paramref name="file"/> only names the file in reasons.</summary>
    public static Result Insert(string text, string file, string logicalId, SgRule rule)
    {
        var key = rule.Direction == Direction.Ingress ? "SecurityGroupIngress" : "SecurityGroupEgress";
        if (!JsonSpanTree.TryParse(text, out var tree, out var error)) return new(null, $"{file} is not strict JSON ({error})");
        var resource = tree!.Root.Type == JsonTokenType.StartObject ? tree.Root.Single("Resources")?.Value.Single(logicalId)?.Value : null;
        if (resource?.Type != JsonTokenType.StartObject) return new(null, $"{logicalId} not found in the Resources of {file}");
        var properties = resource.Single("Properties")?.Value;
        if (properties is not { Type: JsonTokenType.StartObject, Members.Count: > 0 }) return new(null, $"{logicalId} in {file} has no Properties to add {key} to");
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var list = properties.Single(key);
        if (list is null)
        {
            if (properties.Has(key)) return new(null, $"{logicalId} in {file} declares {key} more than once");
            // Declaring SecurityGroupEgress makes CloudFormation revoke EC2's default allow-all egress: a person decides.
            if (rule.Direction == Direction.Egress)
                return new(null, $"{logicalId} in {file} has no {key}; declaring one makes CloudFormation remove the default allow-all egress");
            return AddList(text, properties, key, rule, logicalId, newline);
        }
        if (list.Value.Type != JsonTokenType.StartArray)
            return new(null, $"{logicalId} in {file} sets {key} with an intrinsic function or another value, not a plain list");
        return list.Value.Items.Count == 0
            ? FillEmpty(text, properties, list, rule, logicalId, newline)
            : Append(text, list.Value, rule, logicalId);
    }

    private static Result Append(string text, Node array, SgRule rule, string logicalId)
    {
        var items = array.Items;
        var last = items[^1];
        // The entry to copy: the last plain rule object, else the last object of any kind.
        var sample = items.LastOrDefault(i => i.Type == JsonTokenType.StartObject && i.Members.Count > 0 && !i.Members[0].Name.StartsWith("Fn::", StringComparison.Ordinal))
            ?? items.LastOrDefault(i => i.Type == JsonTokenType.StartObject && i.Members.Count > 0);
        if (sample is null) return new(null, "the list holds no rule object whose style can be copied");
        var style = ObjectStyle.Of(text, sample);
        var quotedPorts = sample.Single("FromPort")?.Value.Type == JsonTokenType.String;
        var entries = Entries(rule, logicalId, quotedPorts, style.Colon);
        if (entries is null) return new(null, "the rule's peer is unknown until apply");
        var order = sample.Members.Select(m => OrderName(m.Name)).ToList();
        entries = [.. entries.Select((e, i) => (e, i)).OrderBy(x => Rank(order, OrderName(x.e.Key))).ThenBy(x => x.i).Select(x => x.e)];
        string gap;
        if (items.Count >= 2)
        {
            var between = text[items[^2].End..last.Start];
            gap = between[(between.IndexOf(',', StringComparison.Ordinal) + 1)..];
        }
        else
        {
            gap = text[(array.Start + 1)..last.Start];
            // "[{ … }]" across lines: the usual second entry reads "}, {".
            if (gap.Length == 0 && text[last.Start..last.End].Contains('\n', StringComparison.Ordinal)) gap = " ";
        }
        return new(text[..last.End] + "," + gap + style.Render(entries) + text[last.End..], null);
    }

    private static Result FillEmpty(string text, Node properties, Member list, SgRule rule, string logicalId, string newline)
    {
        var array = list.Value;
        var props = ObjectStyle.Of(text, properties);
        var entries = Entries(rule, logicalId, quotedPorts: false, props.Colon);
        if (entries is null) return new(null, "the rule's peer is unknown until apply");
        var inner = text[(array.Start + 1)..(array.End - 1)];
        if (!props.MultiLine) return new(text[..(array.Start + 1)] + props.Render(entries) + text[(array.Start + 1)..], null);
        var keyIndent = LineIndent(text, list.NameStart);
        var unit = Unit(keyIndent, props.CloseIndent);
        var item = ObjectStyle.Indented(keyIndent + unit, unit, props.Colon, newline).Render(entries);
        // "[\n    ]" already ends the line with the key's indentation; "[]" and "[ ]" get it written.
        return inner.Contains('\n', StringComparison.Ordinal)
            ? new(text[..(array.Start + 1)] + newline + keyIndent + unit + item + text[(array.Start + 1)..], null)
            : new(text[..(array.End - 1)] + newline + keyIndent + unit + item + newline + keyIndent + text[(array.End - 1)..], null);
    }

    private static Result AddList(string text, Node properties, string key, SgRule rule, string logicalId, string newline)
    {
        var props = ObjectStyle.Of(text, properties);
        var entries = Entries(rule, logicalId, quotedPorts: false, props.Colon);
        if (entries is null) return new(null, "the rule's peer is unknown until apply");
        var last = properties.Members[^1];
        string array;
        if (props.MultiLine)
        {
            var keyIndent = LineIndent(text, last.NameStart);
            var unit = Unit(keyIndent, props.CloseIndent);
            array = "[" + newline + keyIndent + unit + ObjectStyle.Indented(keyIndent + unit, unit, props.Colon, newline).Render(entries) + newline + keyIndent + "]";
        }
        else array = "[" + props.Render(entries) + "]";
        var insertion = props.Separator + Quote(key) + props.Colon + array;
        return new(text[..last.Value.End] + insertion + text[last.Value.End..], null);
    }

    /// <summary>Keys and JSON values in the default order; null when the peer cannot be written (unknown until apply).</summary>
    private static List<(string Key, string Value)>? Entries(SgRule rule, string logicalId, bool quotedPorts, string colon, bool placeholder = false)
    {
        var ingress = rule.Direction == Direction.Ingress;
        var all = rule.Protocol == Protocols.All;
        var entries = new List<(string Key, string Value)> { ("IpProtocol", Quote(all ? "-1" : rule.Protocol)) };
        if (!all && rule.FromPort is { } from && rule.ToPort is { } to)
        {
            string Port(int p) => quotedPorts ? Quote(p.ToString(CultureInfo.InvariantCulture)) : p.ToString(CultureInfo.InvariantCulture);
            entries.Add(("FromPort", Port(from)));
            entries.Add(("ToPort", Port(to)));
        }
        var compact = colon.Trim().Length == colon.Length;
        (string, string)? peer = rule.Source switch
        {
            Cidr { IsIpv6: true } c => ("CidrIpv6", Quote(c.Block)),
            Cidr c => ("CidrIp", Quote(c.Block)),
            PrefixList p => (ingress ? "SourcePrefixListId" : "DestinationPrefixListId", Quote(p.Id)),
            GroupRef { IsSelf: true } => (ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId",
                "{" + Quote("Fn::GetAtt") + colon + "[" + Quote(logicalId) + (compact ? "," : ", ") + Quote("GroupId") + "]}"),
            GroupRef g => (ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId", Quote(g.GroupId)),
            _ => placeholder ? ("CidrIp", Quote("REPLACE_ME: peer unknown until apply")) : null,
        };
        if (peer is null) return null;
        entries.Add(peer.Value);
        if (!string.IsNullOrEmpty(rule.Description)) entries.Add(("Description", Quote(rule.Description)));
        return entries;
    }

    // Entries name their peer differently (CidrIp, SourceSecurityGroupId…): all of them take the peer's place.
    private static string OrderName(string key) => PeerKeys.Contains(key, StringComparer.Ordinal) ? "peer" : key;

    private static int Rank(List<string> order, string name)
    {
        var i = order.IndexOf(name);
        return i < 0 ? int.MaxValue : i;
    }

    /// <summary>The whitespace between the start of <paramref name="at"/>'s line and <paramref name="at"/>; "" when other text precedes it.</summary>
    private static string LineIndent(string text, int at)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var prefix = text[lineStart..at];
        return prefix.Trim().Length == 0 ? prefix : "";
    }

    private static string Unit(string inner, string outer) =>
        inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal) ? inner[outer.Length..] : "  ";

    /// <summary>A JSON string with the minimum escaping (no \u escapes for '+', '&lt;' or non-ASCII letters).</summary>
    internal static string Quote(string s)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed)) writer.WriteStringValue(s);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>How an object is spelled: the text after <c>{</c>, between members, between name and value, and before <c>}</c>.</summary>
    private sealed record ObjectStyle(string Open, string Separator, string Colon, string Close)
    {
        public bool MultiLine => Open.Contains('\n', StringComparison.Ordinal);

        /// <summary>The indentation of the closing brace's line (multi-line objects).</summary>
        public string CloseIndent => Close[(Close.LastIndexOf('\n') + 1)..];

        public static ObjectStyle Of(string text, Node obj)
        {
            var first = obj.Members[0];
            var lastMember = obj.Members[^1];
            var open = text[(obj.Start + 1)..first.NameStart];
            var separator = obj.Members.Count >= 2 ? text[first.Value.End..obj.Members[1].NameStart] : "," + open;
            return new(open, separator, text[first.NameEnd..first.Value.Start], text[lastMember.Value.End..(obj.End - 1)]);
        }

        /// <summary>A multi-line object whose brace sits at <paramref name="indent"/> and members one <paramref name="unit"/> deeper.</summary>
        public static ObjectStyle Indented(string indent, string unit, string colon, string newline) =>
            new(newline + indent + unit, "," + newline + indent + unit, colon, newline + indent);

        public string Render(IEnumerable<(string Key, string Value)> entries) =>
            "{" + Open + string.Join(Separator, entries.Select(e => Quote(e.Key) + Colon + e.Value)) + Close + "}";
    }
}
