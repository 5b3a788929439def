using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>Hash indexes over live groups: by id, by name and by CloudFormation tags. Built once per analysis (O(n)).</summary>
internal sealed class LiveGroupIndex
{
    /// <summary>Tag CloudFormation puts on every group it creates: the stack name.</summary>
    public const string StackNameTag = "aws:cloudformation:stack-name";
    /// <summary>Tag CloudFormation puts on every group it creates: the template's logical id.</summary>
    public const string LogicalIdTag = "aws:cloudformation:logical-id";

    private readonly Dictionary<string, SecurityGroup> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SecurityGroup>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SecurityGroup>> _byLogicalId = new(StringComparer.Ordinal);

    public LiveGroupIndex(IEnumerable<SecurityGroup> live)
    {
        foreach (var g in live)
        {
            if (!_byId.TryAdd(IdOf(g), g)) continue;
            if (g.Name is { } name) Add(_byName, name, g);
            if (g.Tags.TryGetValue(LogicalIdTag, out var logical)) Add(_byLogicalId, logical, g);
        }
    }

    public IEnumerable<SecurityGroup> All => _byId.Values;

    public static string IdOf(SecurityGroup g) => g.GroupId ?? g.Key;

    public SecurityGroup? ById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The live group named <paramref name="name"/>: the one in <paramref name="vpcId"/> when given, else the only one.</summary>
    public SecurityGroup? ByName(string name, string? vpcId)
    {
        if (!_byName.TryGetValue(name, out var list)) return null;
        if (vpcId is not null)
        {
            var inVpc = list.Where(g => g.VpcId == vpcId).ToList();
            if (inVpc.Count == 1) return inVpc[0];
        }
        return list.Count == 1 ? list[0] : null;
    }

    /// <summary>The live group tagged with <paramref name="logicalId"/> (and <paramref name="stackName"/> when given); null unless exactly one.</summary>
    public SecurityGroup? ByCloudFormation(string logicalId, string? stackName)
    {
        if (!_byLogicalId.TryGetValue(logicalId, out var list)) return null;
        var matches = list.Where(g => stackName is null || (g.Tags.TryGetValue(StackNameTag, out var s) && s == stackName)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static void Add(Dictionary<string, List<SecurityGroup>> map, string key, SecurityGroup g)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(g);
    }
}
