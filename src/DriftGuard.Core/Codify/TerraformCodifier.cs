using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Codify;

/// <summary>
/// Writes a live rule into the Terraform root module of a directory. Finds <c>resource "aws_security_group" "NAME"</c>
/// in the directory's <c>*.tf</c> files for the drift's <see cref="DriftItem.Resource"/>; when the group declares its
/// rules inline (<c>ingress</c>/<c>egress</c> blocks) a block is inserted before the resource's closing brace with the
/// file's indentation, else a new file <c>driftguard-FINGERPRINT.tf</c> holds an
/// <c>aws_vpc_security_group_ingress_rule</c>/<c>_egress_rule</c>
/// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule,
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group#ingress).
/// Module addresses, CDKTF output (<c>*.tf.json</c>) and groups not found become manual proposals.
/// </summary>
public static partial class TerraformCodifier
{
    /// <summary>Proposes the change for <paramref name="drift"/> (an unmanaged rule) in <paramref name="directory"/>. Never throws for bad input.</summary>
    public static CodifyProposal Propose(DriftItem drift, string directory)
    {
        var rule = drift.Rule ?? throw new ArgumentException("only rule drifts can be codified", nameof(drift));
        var name = ResourceName(drift.Resource);
        var standalone = StandaloneRule(rule, name ?? "REPLACE_ME", drift.Fingerprint);
        if (name is null)
            return new(drift, CodifyMode.Manual, [], standalone, $"'{drift.Resource ?? drift.GroupId}' is not a root-module aws_security_group address");
        string[] files;
        try { files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.tf").Order(StringComparer.Ordinal).ToArray() : []; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { files = []; }
        foreach (var file in files)
        {
            string text;
            bool bom;
            try { (text, bom) = SourceText.Read(file); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }
            var masked = HclScanner.Mask(text);
            var headers = new Regex($@"^[ \t]*resource[ \t]+""aws_security_group""[ \t]+""{Regex.Escape(name)}""[ \t]*\{{", RegexOptions.Multiline).Matches(text);
            if (headers.Count == 0) continue;
            if (masked is null) return new(drift, CodifyMode.Manual, [], standalone, $"cannot find the end of {drift.Resource} in {file}: a string, heredoc or comment never ends");
            // Only a header in code counts: the same words in a heredoc or a comment are text.
            var header = headers.FirstOrDefault(h => InCode(h, text, masked));
            if (header is null) continue;
            var close = HclScanner.MatchingBraceInMask(masked, header.Index + header.Length - 1);
            if (close < 0) return new(drift, CodifyMode.Manual, [], standalone, $"cannot find the end of {drift.Resource} in {file}");
            var bodyStart = header.Index + header.Length;
            var body = text[bodyStart..close];
            var maskedBody = masked[bodyStart..close];
            // dynamic blocks and attribute-as-block lists are generated; a new block or a standalone rule would fight them.
            if (GeneratedRules().Matches(body).Any(m => InCode(m, body, maskedBody)))
                return new(drift, CodifyMode.Manual, [], standalone, $"{drift.Resource} in {file} builds its rules with dynamic blocks or a list attribute");
            var inline = InlineBlock().Matches(body).FirstOrDefault(m => InCode(m, body, maskedBody));
            if (inline is null)
            {
                var path = Path.Combine(Path.GetDirectoryName(file) ?? directory, $"driftguard-{drift.Fingerprint}.tf");
                return new(drift, CodifyMode.NewFile, [new ProposedFile(path, standalone)], standalone);
            }
            var indent = inline.Groups[1].Value;
            var inner = InnerIndent(maskedBody, inline, indent);
            var block = InlineRule(rule, name, indent, inner);
            var lineStart = text.LastIndexOf('\n', close - 1) + 1;
            // The closing brace on its own line: insert whole lines before it; else open a new line.
            var ownLine = string.IsNullOrWhiteSpace(text[lineStart..close]);
            var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            var insertion = "\n" + block;
            if (newline == "\r\n") insertion = insertion.Replace("\n", "\r\n", StringComparison.Ordinal);
            var edited = ownLine ? text[..lineStart] + insertion + text[lineStart..] : text[..close] + newline + insertion + text[close..];
            return new(drift, CodifyMode.EditFile, [new ProposedFile(file, SourceText.Restore(edited, bom))], block);
        }
        return new(drift, CodifyMode.Manual, [], standalone, $"resource \"aws_security_group\" \"{name}\" not found in {directory}/*.tf");
    }

    /// <summary>The <c>aws_vpc_security_group_*_rule</c> resource declaring <paramref name="rule"/> on <c>aws_security_group.GROUP</c>.</summary>
    public static string StandaloneRule(SgRule rule, string group, string fingerprint)
    {
        var kind = rule.Direction == Direction.Ingress ? "ingress" : "egress";
        var attrs = new List<(string, string)> { ("security_group_id", $"aws_security_group.{group}.id") };
        if (!string.IsNullOrEmpty(rule.Description)) attrs.Add(("description", Quote(rule.Description)));
        attrs.Add(("ip_protocol", Quote(rule.Protocol == Protocols.All ? "-1" : rule.Protocol)));
        if (rule.Protocol != Protocols.All && rule.FromPort is { } from && rule.ToPort is { } to)
        {
            attrs.Add(("from_port", Num(from)));
            attrs.Add(("to_port", Num(to)));
        }
        attrs.Add(rule.Source switch
        {
            Cidr { IsIpv6: true } c => ("cidr_ipv6", Quote(c.Block)),
            Cidr c => ("cidr_ipv4", Quote(c.Block)),
            PrefixList p => ("prefix_list_id", Quote(p.Id)),
            GroupRef { IsSelf: true } => ("referenced_security_group_id", $"aws_security_group.{group}.id"),
            GroupRef g => ("referenced_security_group_id", Quote(g.GroupId)),
            _ => ("# peer unknown until apply", "\"\""),
        });
        return $"resource \"aws_vpc_security_group_{kind}_rule\" \"{group}_drift_{fingerprint}\" {{\n{Attributes(attrs, "  ")}}}\n";
    }

    /// <summary>An inline <c>ingress</c>/<c>egress</c> block for <paramref name="rule"/>, lines starting with <paramref name="indent"/>.</summary>
    public static string InlineRule(SgRule rule, string group, string indent, string inner)
    {
        var attrs = new List<(string, string)>();
        if (!string.IsNullOrEmpty(rule.Description)) attrs.Add(("description", Quote(rule.Description)));
        var all = rule.Protocol == Protocols.All;
        attrs.Add(("from_port", all ? "0" : Num(rule.FromPort ?? 0)));
        attrs.Add(("to_port", all ? "0" : Num(rule.ToPort ?? 0)));
        attrs.Add(("protocol", Quote(all ? "-1" : rule.Protocol)));
        attrs.Add(rule.Source switch
        {
            Cidr { IsIpv6: true } c => ("ipv6_cidr_blocks", $"[{Quote(c.Block)}]"),
            Cidr c => ("cidr_blocks", $"[{Quote(c.Block)}]"),
            PrefixList p => ("prefix_list_ids", $"[{Quote(p.Id)}]"),
            GroupRef { IsSelf: true } => ("self", "true"),
            GroupRef g => ("security_groups", $"[{Quote(g.GroupId)}]"),
            _ => ("# peer unknown until apply", "\"\""),
        });
        var kind = rule.Direction == Direction.Ingress ? "ingress" : "egress";
        return $"{indent}{kind} {{\n{Attributes(attrs, inner)}{indent}}}\n";
    }

    private static string Attributes(List<(string Key, string Value)> attrs, string indent)
    {
        var width = attrs.Max(a => a.Key.Length);
        var sb = new StringBuilder();
        foreach (var (key, value) in attrs) sb.Append(indent).Append(key.PadRight(width)).Append(" = ").Append(value).Append('\n');
        return sb.ToString();
    }

    /// <summary>True when the match's first non-blank character is code, not inside a string, heredoc or comment.</summary>
    private static bool InCode(Match m, string text, string masked)
    {
        var i = m.Index;
        while (i < m.Index + m.Length && text[i] is ' ' or '\t' or '\r' or '\n') i++;
        return i < m.Index + m.Length && masked[i] == text[i];
    }

    private static string InnerIndent(string body, Match inline, string indent)
    {
        var after = body[(inline.Index + inline.Length)..];
        var m = AttributeLine().Match(after);
        return m.Success && m.Groups[1].Value.Length > indent.Length ? m.Groups[1].Value : indent + "  ";
    }

    private static string? ResourceName(string? resource)
    {
        var m = resource is null ? null : RootAddress().Match(resource);
        return m is { Success: true } ? m.Groups[1].Value : null;
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal) + "\"";

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^aws_security_group\.([A-Za-z_][A-Za-z0-9_-]*)$")]
    private static partial Regex RootAddress();

    [GeneratedRegex(@"^([ \t]*)(?:ingress|egress)[ \t]*\{", RegexOptions.Multiline)]
    private static partial Regex InlineBlock();

    [GeneratedRegex(@"^[ \t]*(?:dynamic[ \t]+""(?:ingress|egress)""|(?:ingress|egress)[ \t]*=)", RegexOptions.Multiline)]
    private static partial Regex GeneratedRules();

    [GeneratedRegex(@"^([ \t]*)[A-Za-z_]", RegexOptions.Multiline)]
    private static partial Regex AttributeLine();
}
