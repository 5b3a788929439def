using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Codify;

/// <summary>
/// Writes a live rule into a CloudFormation YAML or JSON template: one item appended to the group's
/// <c>SecurityGroupIngress</c>/<c>SecurityGroupEgress</c> block list, after its last item, with the list's own
/// indentation and line endings; every other byte unchanged. Item keys follow
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html
/// (and <c>-egress</c>). A missing <c>SecurityGroupIngress</c> is added as the last key of <c>Properties</c>, its dashes
/// indented like the sibling lists. JSON templates are edited by <see cref="CloudFormationJsonEdit"/> in the same spirit.
/// A flow-style or intrinsic (<c>!If</c>) list, a missing <c>SecurityGroupEgress</c> (declaring one removes EC2's default
/// allow-all egress) and logical ids not found become manual proposals.
/// </summary>
public static partial class CloudFormationCodifier
{
    /// <summary>
    /// Proposes the change for <paramref name="drift"/> (an unmanaged rule) in <paramref name="template"/>, a YAML or JSON
    /// template (JSON when its first character is <c>{</c>, whatever the extension). Never throws for bad input.
    /// </summary>
    public static CodifyProposal Propose(DriftItem drift, string template)
    {
        var rule = drift.Rule ?? throw new ArgumentException("only rule drifts can be codified", nameof(drift));
        var logicalId = drift.Resource ?? "";
        string? text = null;
        var bom = false;
        try { (text, bom) = SourceText.Read(template); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) { }
        var json = text is not null && text.TrimStart(' ', '\t', '\r', '\n').StartsWith('{');
        var code = json ? CloudFormationJsonEdit.Code(rule, logicalId) : Item(rule, logicalId, "");
        CodifyProposal Manual(string reason) => new(drift, CodifyMode.Manual, [], code, reason);
        if (!LogicalIdPattern().IsMatch(logicalId)) return Manual($"'{drift.Resource ?? drift.GroupId}' is not a CloudFormation logical id");
        if (text is null) return Manual($"cannot read {template}");
        if (json)
        {
            var result = CloudFormationJsonEdit.Insert(text, template, logicalId, rule);
            return result.Edited is null ? Manual(result.Reason!) : new(drift, CodifyMode.EditFile, [new ProposedFile(template, SourceText.Restore(result.Edited, bom))], code);
        }
        if (!template.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !template.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            && !template.EndsWith(".template", StringComparison.OrdinalIgnoreCase))
            return Manual($"{template} is not a YAML or JSON template");
        var (edited, reason) = EditYaml(text, template, logicalId, rule);
        return edited is null ? Manual(reason!) : new(drift, CodifyMode.EditFile, [new ProposedFile(template, SourceText.Restore(edited, bom))], code);
    }

    private static (string? Edited, string? Reason) EditYaml(string text, string template, string logicalId, SgRule rule)
    {
        var lines = Regex.Split(text, "(?<=\n)");
        var start = ResourceLine(lines, logicalId);
        if (start < 0) return (null, $"{logicalId} not found in the Resources of {template}");
        var resourceIndent = Indent(lines[start]);
        var key = rule.Direction == Direction.Ingress ? "SecurityGroupIngress" : "SecurityGroupEgress";
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var keyLine = -1;
        var keyAnyForm = false;
        var end = start + 1;
        for (; end < lines.Length && (Blank(lines[end]) || Indent(lines[end]) > resourceIndent); end++)
        {
            if (keyLine < 0 && Regex.IsMatch(lines[end], $@"^[ \t]+{key}:[ \t]*(#.*)?\r?$")) keyLine = end;
            if (Regex.IsMatch(lines[end], $@"^[ \t]+{key}[ \t]*:")) keyAnyForm = true;
        }
        if (keyLine < 0)
        {
            if (keyAnyForm) return (null, $"{logicalId} in {template} has no block-style {key} list");
            // Declaring SecurityGroupEgress makes CloudFormation revoke EC2's default allow-all egress: a person decides.
            if (rule.Direction == Direction.Egress)
                return (null, $"{logicalId} in {template} has no {key}; declaring one makes CloudFormation remove the default allow-all egress");
            return AddYamlList(lines, start + 1, end, logicalId, template, key, rule, newline);
        }
        var keyIndent = Indent(lines[keyLine]);
        var first = keyLine + 1;
        while (first < lines.Length && Blank(lines[first])) first++;
        if (first >= lines.Length || Indent(lines[first]) < keyIndent || !lines[first].TrimStart().StartsWith("- ", StringComparison.Ordinal))
            return (null, $"{logicalId} in {template} has no block-style {key} list");
        var dash = Indent(lines[first]);
        var afterDash = lines[first][dash..];
        var itemIndent = dash + 1 + (afterDash.Length - 1 - afterDash[1..].TrimStart().Length);
        var last = first;
        for (var i = first + 1; i < lines.Length; i++)
        {
            if (Blank(lines[i])) continue;
            var indent = Indent(lines[i]);
            if (indent > dash || (indent == dash && lines[i].TrimStart().StartsWith("- ", StringComparison.Ordinal))) last = i;
            else break;
        }
        var item = Item(rule, logicalId, new string(' ', dash), itemIndent - dash - 1).Replace("\n", newline, StringComparison.Ordinal);
        return (InsertAfter(lines, last, item, newline), null);
    }

    /// <summary>The line of <c>ID:</c> directly under the top-level <c>Resources:</c> (not a same-named key in Mappings or Outputs); -1 if none.</summary>
    private static int ResourceLine(string[] lines, string logicalId)
    {
        var resources = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^Resources:[ \t]*(#.*)?\r?$"));
        if (resources < 0) return -1;
        var child = -1;
        for (var i = resources + 1; i < lines.Length; i++)
        {
            if (Blank(lines[i])) continue;
            var indent = Indent(lines[i]);
            if (indent == 0) break;
            if (child < 0) child = indent;
            if (indent == child && Regex.IsMatch(lines[i], $@"^[ \t]+{logicalId}:[ \t]*(#.*)?\r?$")) return i;
        }
        return -1;
    }

    /// <summary>Adds <c>KEY:</c> with one item as the last key of the resource's <c>Properties</c>, lists indented like the sibling lists.</summary>
    private static (string? Edited, string? Reason) AddYamlList(string[] lines, int from, int to, string logicalId, string template, string key, SgRule rule, string newline)
    {
        var props = -1;
        for (var i = from; i < to && props < 0; i++)
            if (!Blank(lines[i]) && Regex.IsMatch(lines[i], @"^[ \t]+Properties:[ \t]*(#.*)?\r?$")) props = i;
        if (props < 0) return (null, $"{logicalId} in {template} has no block-style Properties to add {key} to");
        var propsIndent = Indent(lines[props]);
        var child = -1;
        var last = -1;
        var listOffset = -1;
        for (var i = props + 1; i < to; i++)
        {
            if (Blank(lines[i])) continue;
            var indent = Indent(lines[i]);
            if (indent <= propsIndent) break;
            if (child < 0) child = indent;
            last = i;
            // A sibling key opening a block list shows how far this file indents a list's dashes under its key.
            if (listOffset < 0 && indent == child && Regex.IsMatch(lines[i], @"^[ \t]+[A-Za-z0-9]+:[ \t]*(#.*)?\r?$"))
            {
                var next = i + 1;
                while (next < to && Blank(lines[next])) next++;
                if (next < to && lines[next].TrimStart().StartsWith("- ", StringComparison.Ordinal) && Indent(lines[next]) >= indent)
                    listOffset = Indent(lines[next]) - indent;
            }
        }
        if (child < 0 || child <= propsIndent) return (null, $"{logicalId} in {template} has no block-style Properties to add {key} to");
        var dash = child + (listOffset >= 0 ? listOffset : child - propsIndent);
        var block = (new string(' ', child) + key + ":\n" + Item(rule, logicalId, new string(' ', dash))).Replace("\n", newline, StringComparison.Ordinal);
        return (InsertAfter(lines, last, block, newline), null);
    }

    private static string InsertAfter(string[] lines, int index, string insertion, string newline)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            sb.Append(lines[i]);
            if (i == index) sb.Append(lines[i].EndsWith('\n') ? "" : newline).Append(insertion);
        }
        return sb.ToString();
    }

    /// <summary>The list item declaring <paramref name="rule"/>: <c>- IpProtocol: …</c>, its other keys under it.</summary>
    public static string Item(SgRule rule, string logicalId, string indent, int gap = 1)
    {
        var ingress = rule.Direction == Direction.Ingress;
        var entries = new List<(string, string)> { ("IpProtocol", rule.Protocol == Protocols.All ? "\"-1\"" : rule.Protocol) };
        if (rule.Protocol != Protocols.All && rule.FromPort is { } from && rule.ToPort is { } to)
        {
            entries.Add(("FromPort", from.ToString(CultureInfo.InvariantCulture)));
            entries.Add(("ToPort", to.ToString(CultureInfo.InvariantCulture)));
        }
        entries.Add(rule.Source switch
        {
            Cidr { IsIpv6: true } c => ("CidrIpv6", Quote(c.Block)),
            Cidr c => ("CidrIp", c.Block),
            PrefixList p => (ingress ? "SourcePrefixListId" : "DestinationPrefixListId", p.Id),
            GroupRef { IsSelf: true } => (ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId", $"!GetAtt {logicalId}.GroupId"),
            GroupRef g => (ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId", g.GroupId),
            _ => ("# peer unknown until apply", ""),
        });
        if (!string.IsNullOrEmpty(rule.Description)) entries.Add(("Description", Quote(rule.Description)));
        var sb = new StringBuilder();
        var pad = new string(' ', indent.Length + 1 + gap);
        for (var i = 0; i < entries.Count; i++)
            sb.Append(i == 0 ? indent + "-" + new string(' ', gap) : pad).Append(entries[i].Item1).Append(": ").Append(entries[i].Item2).Append('\n');
        return sb.ToString();
    }

    // JSON string syntax is valid YAML double-quoted scalar syntax.
    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static bool Blank(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex LogicalIdPattern();
}
