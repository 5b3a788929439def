using System.Globalization;
using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Live;

/// <summary>
/// Parses AWS CLI output of <c>aws ec2 describe-security-groups</c> (<c>{"SecurityGroups":[…]}</c>) and
/// <c>aws ec2 describe-security-group-rules</c> (<c>{"SecurityGroupRules":[…]}</c>) into canonical live groups.
/// A file may hold both keys; rule ids from the rule listing are attached to the groups' rules.
/// Pure: no network. Bad input becomes <see cref="Diagnostic"/>s, never exceptions.
/// </summary>
/// <remarks>
/// Shapes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroup.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html
/// (the CLI prints the API members with their PascalCase names).
/// </remarks>
public static class LiveDescribeParser
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 256 };

    /// <summary>Reads and parses <paramref name="path"/>; an unreadable file becomes a diagnostic.</summary>
    /// <param name="path">File to read (UTF-8 or any BOM-marked encoding).</param>
    /// <param name="displayPath">Name used in diagnostics; defaults to <paramref name="path"/>.</param>
    /// <param name="region">Region stamped on the groups (the CLI output carries none).</param>
    public static LiveDescribeResult ParseFile(string path, string? displayPath = null, string? region = null)
    {
        var file = displayPath ?? path;
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new([], [new Diagnostic(file, 0, $"cannot read live file: {ex.Message}")]);
        }
        return Parse(text, file, region);
    }

    /// <summary>Parses describe-security-groups and/or describe-security-group-rules JSON text.</summary>
    /// <param name="json">The CLI output.</param>
    /// <param name="file">Name used in diagnostics.</param>
    /// <param name="region">Region stamped on the groups.</param>
    public static LiveDescribeResult Parse(string json, string file, string? region = null)
    {
        var diagnostics = new List<Diagnostic>();
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, JsonOptions); }
        catch (JsonException ex)
        {
            return new([], [JsonErrorText.Diagnostic(file, ex, "invalid JSON")]);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                (!root.TryGetProperty("SecurityGroups", out _) && !root.TryGetProperty("SecurityGroupRules", out _)))
            {
                return new([], [new Diagnostic(file, 1,
                    "not AWS CLI describe-security-groups output: expected an object with \"SecurityGroups\" (or \"SecurityGroupRules\")")]);
            }
            var groups = new List<SecurityGroup>();
            if (root.TryGetProperty("SecurityGroups", out var sgs))
            {
                if (sgs.ValueKind != JsonValueKind.Array) diagnostics.Add(new Diagnostic(file, 0, "\"SecurityGroups\" is not an array"));
                else
                {
                    var index = 0;
                    foreach (var sg in sgs.EnumerateArray())
                    {
                        var g = ReadGroup(sg, index++, file, region, diagnostics);
                        if (g is not null) groups.Add(g);
                    }
                }
            }
            if (root.TryGetProperty("SecurityGroupRules", out var sgrs))
            {
                var rules = ReadRuleList(sgrs, file, diagnostics);
                return new(LiveGroupFactory.AttachRuleIds(groups, rules, region), diagnostics);
            }
            return new(groups, diagnostics);
        }
    }

    /// <summary>Parses <c>describe-security-group-rules</c> output into atomic rules carrying their <c>sgr-</c> ids.</summary>
    public static (IReadOnlyList<SgRule> Rules, IReadOnlyList<Diagnostic> Diagnostics) ParseRules(string json, string file)
    {
        var diagnostics = new List<Diagnostic>();
        try
        {
            using var doc = JsonDocument.Parse(json, JsonOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("SecurityGroupRules", out var list))
                return ([], [new Diagnostic(file, 1, "not AWS CLI describe-security-group-rules output: expected an object with \"SecurityGroupRules\"")]);
            return (ReadRuleList(list, file, diagnostics), diagnostics);
        }
        catch (JsonException ex)
        {
            return ([], [JsonErrorText.Diagnostic(file, ex, "invalid JSON")]);
        }
    }

    private static SecurityGroup? ReadGroup(JsonElement sg, int index, string file, string? region, List<Diagnostic> diagnostics)
    {
        if (sg.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Add(new Diagnostic(file, 0, $"SecurityGroups[{index}] is not an object; skipped"));
            return null;
        }
        var id = Str(sg, "GroupId");
        if (string.IsNullOrWhiteSpace(id))
        {
            diagnostics.Add(new Diagnostic(file, 0, $"SecurityGroups[{index}] has no GroupId; skipped"));
            return null;
        }
        var rules = new List<SgRule>();
        ReadPermissions(sg, "IpPermissions", Direction.Ingress, id, file, rules, diagnostics);
        ReadPermissions(sg, "IpPermissionsEgress", Direction.Egress, id, file, rules, diagnostics);
        return LiveGroupFactory.Create(id, Str(sg, "GroupName"), Str(sg, "Description"), Str(sg, "VpcId"), Str(sg, "OwnerId"),
                                       region, ReadTags(sg), rules);
    }

    private static void ReadPermissions(JsonElement sg, string member, Direction direction, string groupId, string file,
                                        List<SgRule> rules, List<Diagnostic> diagnostics)
    {
        if (!sg.TryGetProperty(member, out var perms) || perms.ValueKind == JsonValueKind.Null) return;
        if (perms.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Add(new Diagnostic(file, 0, $"{groupId}: {member} is not an array; skipped") { Resource = groupId });
            return;
        }
        foreach (var p in perms.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.Object) continue;
            var peers = new List<LivePeer>();
            AddPeers(p, "IpRanges", "CidrIp", LivePeerKind.Ipv4, peers);
            AddPeers(p, "Ipv6Ranges", "CidrIpv6", LivePeerKind.Ipv6, peers);
            AddPeers(p, "PrefixListIds", "PrefixListId", LivePeerKind.PrefixList, peers);
            if (p.TryGetProperty("UserIdGroupPairs", out var pairs) && pairs.ValueKind == JsonValueKind.Array)
            {
                foreach (var pair in pairs.EnumerateArray())
                {
                    // A pair naming the own group stays GroupRef(ownId); a name is used only where EC2 gives no id (EC2-Classic).
                    var peer = Str(pair, "GroupId") ?? Str(pair, "GroupName");
                    if (!string.IsNullOrWhiteSpace(peer)) peers.Add(new LivePeer(LivePeerKind.Group, peer, Str(pair, "Description")));
                }
            }
            var permission = new LivePermission(groupId, direction, Str(p, "IpProtocol"), Int(p, "FromPort"), Int(p, "ToPort"), peers);
            Add(permission, file, rules, diagnostics);
        }
    }

    private static List<SgRule> ReadRuleList(JsonElement list, string file, List<Diagnostic> diagnostics)
    {
        var rules = new List<SgRule>();
        if (list.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Add(new Diagnostic(file, 0, "\"SecurityGroupRules\" is not an array"));
            return rules;
        }
        var index = 0;
        foreach (var r in list.EnumerateArray())
        {
            var at = index++;
            var groupId = r.ValueKind == JsonValueKind.Object ? Str(r, "GroupId") : null;
            if (string.IsNullOrWhiteSpace(groupId))
            {
                diagnostics.Add(new Diagnostic(file, 0, $"SecurityGroupRules[{at}] has no GroupId; skipped"));
                continue;
            }
            var egress = r.TryGetProperty("IsEgress", out var e) && e.ValueKind == JsonValueKind.True;
            var description = Str(r, "Description");
            var peers = new List<LivePeer>();
            if (Str(r, "CidrIpv4") is { Length: > 0 } v4) peers.Add(new LivePeer(LivePeerKind.Ipv4, v4, description));
            if (Str(r, "CidrIpv6") is { Length: > 0 } v6) peers.Add(new LivePeer(LivePeerKind.Ipv6, v6, description));
            if (Str(r, "PrefixListId") is { Length: > 0 } pl) peers.Add(new LivePeer(LivePeerKind.PrefixList, pl, description));
            if (r.TryGetProperty("ReferencedGroupInfo", out var rg) && rg.ValueKind == JsonValueKind.Object && Str(rg, "GroupId") is { Length: > 0 } refId)
                peers.Add(new LivePeer(LivePeerKind.Group, refId, description));
            var permission = new LivePermission(groupId, egress ? Direction.Egress : Direction.Ingress, Str(r, "IpProtocol"),
                                                Int(r, "FromPort"), Int(r, "ToPort"), peers) { RuleId = Str(r, "SecurityGroupRuleId") };
            Add(permission, file, rules, diagnostics);
        }
        return rules;
    }

    private static void Add(LivePermission permission, string file, List<SgRule> rules, List<Diagnostic> diagnostics)
    {
        var (atomic, errors) = LiveRuleFactory.ToRules(permission, file);
        rules.AddRange(atomic);
        diagnostics.AddRange(errors);
    }

    private static void AddPeers(JsonElement p, string member, string valueMember, LivePeerKind kind, List<LivePeer> peers)
    {
        if (!p.TryGetProperty(member, out var list) || list.ValueKind != JsonValueKind.Array) return;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            var value = Str(item, valueMember);
            if (!string.IsNullOrWhiteSpace(value)) peers.Add(new LivePeer(kind, value, Str(item, "Description")));
        }
    }

    private static Dictionary<string, string> ReadTags(JsonElement sg)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!sg.TryGetProperty("Tags", out var list) || list.ValueKind != JsonValueKind.Array) return tags;
        foreach (var t in list.EnumerateArray())
        {
            if (t.ValueKind == JsonValueKind.Object && Str(t, "Key") is { } k) tags[k] = Str(t, "Value") ?? "";
        }
        return tags;
    }

    private static string? Str(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(), // e.g. IpProtocol written as -1 rather than "-1"
            _ => null,
        };
    }

    private static int? Int(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)) return n;
        if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n)) return n;
        return null;
    }
}
