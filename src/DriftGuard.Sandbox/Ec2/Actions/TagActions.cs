using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// CreateTags and DeleteTags (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html,
/// API_DeleteTags.html) on security groups (<c>sg-</c>), rules (<c>sgr-</c>) and VPCs (<c>vpc-</c>):
/// <c>ResourceId.N</c>, <c>Tag.N.Key</c>/<c>Tag.N.Value</c>. DeleteTags without tags removes every tag; a tag with a
/// value (even empty) is removed only when the value matches. Unknown resources fail the whole call.
/// </summary>
internal static class TagActions
{
    public static IEnumerable<object?> Create(Ec2Call call)
    {
        var ids = Resources(call);
        var tags = TagRules.ReadTags(call.Params, "Tag");
        if (tags.Count == 0) throw SandboxFault.MissingParameter("tagSet");
        var updated = ids.Select(id => (id, TagRules.Merge(TagsOf(call.State, id), tags))).ToList();
        call.ThrowIfDryRun();

        foreach (var (id, merged) in updated) SetTags(call.State, id, merged);
        return [Bool("return", true)];
    }

    public static IEnumerable<object?> Delete(Ec2Call call)
    {
        var p = call.Params;
        var ids = Resources(call);
        var removals = p.Members("Tag")
            .Select(m => (Key: p.Get($"{m}.Key"), Value: p.Get($"{m}.Value")))
            .Where(t => t.Key is not null)
            .ToList();
        foreach (var (key, _) in removals)
            if (key!.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw SandboxFault.InvalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
        call.ThrowIfDryRun();

        foreach (var id in ids)
        {
            var kept = removals.Count == 0
                ? TagsOf(call.State, id).Where(t => t.Key.StartsWith("aws:", StringComparison.Ordinal)).ToList()
                : TagsOf(call.State, id).Where(t => !removals.Any(r => r.Key == t.Key && (r.Value is null || r.Value == t.Value))).ToList();
            SetTags(call.State, id, kept);
        }
        return [Bool("return", true)];
    }

    private static IReadOnlyList<string> Resources(Ec2Call call)
    {
        var ids = call.Params.List("ResourceId");
        if (ids.Count == 0) throw SandboxFault.MissingParameter("resourceIdSet");
        foreach (var id in ids) TagsOf(call.State, id); // throws for unknown or malformed ids
        return ids;
    }

    private static IReadOnlyList<SandboxTag> TagsOf(SandboxState state, string id)
    {
        if (id.StartsWith("sgr-", StringComparison.Ordinal))
            return state.RuleTable.TryGetValue(id, out var r) ? r.Tags : throw SandboxFault.RuleNotFound(id);
        if (id.StartsWith("sg-", StringComparison.Ordinal))
            return state.GroupTable.TryGetValue(id, out var g) ? g.Tags : throw SandboxFault.GroupNotFound(id);
        if (id.StartsWith("vpc-", StringComparison.Ordinal))
            return state.VpcTable.TryGetValue(id, out var v) ? v.Tags
                : throw new SandboxFault("InvalidVpcID.NotFound", $"The vpc ID '{id}' does not exist");
        throw new SandboxFault("InvalidID", $"The ID '{id}' is not valid");
    }

    private static void SetTags(SandboxState state, string id, IReadOnlyList<SandboxTag> tags)
    {
        if (id.StartsWith("sgr-", StringComparison.Ordinal)) state.RuleTable[id] = state.RuleTable[id] with { Tags = tags };
        else if (id.StartsWith("sg-", StringComparison.Ordinal)) state.GroupTable[id] = state.GroupTable[id] with { Tags = tags };
        else state.VpcTable[id] = state.VpcTable[id] with { Tags = tags };
    }
}
