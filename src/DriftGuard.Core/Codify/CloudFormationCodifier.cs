using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Codify;

/// <summary>
/// Writes a live rule into a CloudFormation YAML template: one item appended to the group's
/// <c>SecurityGroupIngress</c>/<c>SecurityGroupEgress</c> block list, after its last item, with the list's own
/// indentation and line endings; every other byte unchanged. Item keys follow
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html
/// (and <c>-egress</c>). A missing list, a flow-style list, JSON templates and logical ids not found become manual proposals.
/// </summary>
public static partial class CloudFormationCodifier
{
    /// <summary>Proposes the change for <paramref name="drift"/> (an unmanaged rule) in <paramref name="template"/>. Never throws for bad input.</summary>
    public static CodifyProposal Propose(DriftItem drift, string template)
    {
        var rule = drift.Rule ?? throw new ArgumentException("only rule drifts can be codified", nameof(drift));
        var logicalId = drift.Resource ?? "";
        var code = Item(rule, logicalId, "");
        CodifyProposal Manual(string reason) => new(drift, CodifyMode.Manual, [], code, reason);
        if (!LogicalIdPattern().IsMatch(logicalId)) return Manual($"'{drift.Resource ?? drift.GroupId}' is not a CloudFormation logical id");
        if (!template.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !template.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            return Manual($"{template} is not a YAML template");
        string text;
        try { text = File.ReadAllText(template); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return Manual($"cannot read {template}"); }
        var lines = Regex.Split(text, "(?<=\n)");
        var start = Array.FindIndex(lines, l => Regex.IsMatch(l, $@"^[ \t]+{logicalId}:[ \t]*(#.*)?\r?$"));
        if (start < 0) return Manual($"{logicalId} not found in {template}");
        var resourceIndent = Indent(lines[start]);
        var key = rule.Direction == Direction.Ingress ? "SecurityGroupIngress" : "SecurityGroupEgress";
        var keyLine = -1;
        for (var i = start + 1; i < lines.Length && (Blank(lines[i]) || Indent(lines[i]) > resourceIndent); i++)
            if (Regex.IsMatch(lines[i], $@"^[ \t]+{key}:[ \t]*(#.*)?\r?$")) { keyLine = i; break; }
        if (keyLine < 0) return Manual($"{logicalId} in {template} has no block-style {key} list");
        var keyIndent = Indent(lines[keyLine]);
        var first = keyLine + 1;
        while (first < lines.Length && Blank(lines[first])) first++;
        if (first >= lines.Length || Indent(lines[first]) < keyIndent || !lines[first].TrimStart().StartsWith("- ", StringComparison.Ordinal))
            return Manual($"{logicalId} in {template} has no block-style {key} list");
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
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var item = Item(rule, logicalId, new string(' ', dash), itemIndent - dash - 1).Replace("\n", newline, StringComparison.Ordinal);
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            sb.Append(lines[i]);
            if (i == last) sb.Append(lines[i].EndsWith('\n') ? "" : newline).Append(item);
        }
        return new(drift, CodifyMode.EditFile, [new ProposedFile(template, sb.ToString())], code);
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
