using DriftGuard.Core.Model;

namespace DriftGuard.Core.Live;

/// <summary>Builds canonical live <see cref="SecurityGroup"/>s, the one shape the CLI file parser and the SDK mapper both produce.</summary>
public static class LiveGroupFactory
{
    /// <summary>The <see cref="SecurityGroup.ResourceType"/> of every live group.</summary>
    public const string ResourceType = "live";

    /// <summary>
    /// A live group: <c>Key</c> = <paramref name="groupId"/>, <c>ResourceType</c> = <c>live</c>,
    /// <c>IsDefault</c> when the name is <c>default</c> (EC2 reserves that name for the VPC default group), rules deduplicated.
    /// </summary>
    public static SecurityGroup Create(string groupId, string? name, string? description, string? vpcId, string? ownerId,
                                       string? region, IReadOnlyDictionary<string, string> tags, IEnumerable<SgRule> rules) =>
        new(groupId)
        {
            GroupId = groupId,
            Name = name,
            Description = description,
            VpcId = string.IsNullOrEmpty(vpcId) ? null : vpcId,
            OwnerId = ownerId,
            Region = region,
            ResourceType = ResourceType,
            IsDefault = name == "default",
            Tags = tags,
            Rules = Dedupe(rules),
        };

    /// <summary>
    /// Sets <see cref="SgRule.RuleId"/> on each group's rules from <paramref name="rulesWithIds"/> (matched by
    /// <see cref="RuleKey"/>); rules only the rule listing knows are added, and groups only it knows are created bare.
    /// </summary>
    public static IReadOnlyList<SecurityGroup> AttachRuleIds(IReadOnlyList<SecurityGroup> groups, IEnumerable<SgRule> rulesWithIds, string? region)
    {
        var byGroup = rulesWithIds.GroupBy(r => r.Group).ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<SecurityGroup>(groups.Count);
        foreach (var g in groups)
        {
            if (!byGroup.Remove(g.Key, out var withIds)) { result.Add(g); continue; }
            var ids = new Dictionary<RuleKey, SgRule>();
            foreach (var r in withIds) ids.TryAdd(r.Key, r);
            var rules = new List<SgRule>(g.Rules.Count);
            foreach (var r in g.Rules)
                rules.Add(ids.Remove(r.Key, out var match) ? r with { RuleId = match.RuleId, Description = r.Description ?? match.Description } : r);
            rules.AddRange(ids.Values);
            result.Add(g with { Rules = rules });
        }
        foreach (var (groupId, rules) in byGroup)
            result.Add(Create(groupId, null, null, null, null, region, new Dictionary<string, string>(), rules));
        return result;
    }

    private static List<SgRule> Dedupe(IEnumerable<SgRule> rules)
    {
        var seen = new HashSet<RuleKey>();
        return rules.Where(r => seen.Add(r.Key)).ToList();
    }
}
