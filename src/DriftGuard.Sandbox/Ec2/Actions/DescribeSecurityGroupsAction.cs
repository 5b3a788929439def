using System.Globalization;
using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// DescribeSecurityGroups (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html):
/// <c>GroupId.N</c> (each must exist → else <c>InvalidGroup.NotFound</c>), <c>GroupName.N</c> (default VPC only),
/// <c>Filter.N</c> (description, group-id, group-name, owner-id, vpc-id, tag:KEY, tag-key, tag-value and the
/// [egress.]ip-permission.* filters; several rule filters may be met by different rules, as documented),
/// <c>MaxResults</c> 5–1000 with <c>NextToken</c>. Returns <c>securityGroupInfo</c> and <c>nextToken</c>.
/// </summary>
internal static class DescribeSecurityGroupsAction
{
    private static readonly HashSet<string> PermissionFilters =
    [
        "cidr", "from-port", "to-port", "protocol", "group-id", "group-name", "ipv6-cidr", "prefix-list-id", "user-id",
    ];

    public static IEnumerable<object?> Run(Ec2Call call)
    {
        var p = call.Params;
        var ids = p.List("GroupId");
        var names = p.List("GroupName");
        var filters = Filters.Read(p, IsKnownFilter);
        var max = Paging.MaxResults(p);
        var after = Paging.After(p, "sg");
        var state = call.State;

        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids) selected.Add(call.GroupById(id).GroupId);
        foreach (var name in names) selected.Add(call.GroupByNameInDefaultVpc(name).GroupId);
        call.ThrowIfDryRun();

        var rulesByGroup = state.RuleTable.Values.ToLookup(r => r.GroupId);
        var candidates = state.GroupTable.Values
            .Where(g => selected.Count == 0 || selected.Contains(g.GroupId))
            .Where(g => filters.Match(name => ValuesOf(state, g, rulesByGroup[g.GroupId], name)))
            .OrderBy(g => g.Sequence);
        var (page, next) = Paging.Take(candidates, g => g.Sequence, after, max, "sg");
        return
        [
            E("securityGroupInfo", page.Select(g => SecurityGroupXml.Group(state, g, rulesByGroup[g.GroupId]))),
            Optional("nextToken", next),
        ];
    }

    private static bool IsKnownFilter(string name) =>
        name is "description" or "group-id" or "group-name" or "owner-id" or "vpc-id" or "tag-key" or "tag-value"
        || name.StartsWith("tag:", StringComparison.Ordinal)
        || (name.StartsWith("ip-permission.", StringComparison.Ordinal) && PermissionFilters.Contains(name["ip-permission.".Length..]))
        || (name.StartsWith("egress.ip-permission.", StringComparison.Ordinal) && PermissionFilters.Contains(name["egress.ip-permission.".Length..]));

    private static IEnumerable<string> ValuesOf(SandboxState state, SandboxGroup group, IEnumerable<SandboxRule> rules, string filter)
    {
        switch (filter)
        {
            case "description": return [group.Description];
            case "group-id": return [group.GroupId];
            case "group-name": return [group.GroupName];
            case "owner-id": return [group.OwnerId];
            case "vpc-id": return [group.VpcId];
            case "tag-key": return group.Tags.Select(t => t.Key);
            case "tag-value": return group.Tags.Select(t => t.Value);
        }
        if (filter.StartsWith("tag:", StringComparison.Ordinal))
            return group.Tags.Where(t => t.Key == filter[4..]).Select(t => t.Value);
        var egress = filter.StartsWith("egress.", StringComparison.Ordinal);
        var field = filter[(filter.LastIndexOf('.') + 1)..];
        return rules.Where(r => r.IsEgress == egress).SelectMany(r => RuleValues(state, r, field));
    }

    private static IEnumerable<string> RuleValues(SandboxState state, SandboxRule rule, string field) => field switch
    {
        // [egress.]ip-permission.group-name: the name of the group a rule references
        "group-name" when rule.SourceKind == SandboxSourceKind.SecurityGroup =>
            state.GroupTable.TryGetValue(rule.Source, out var peer) ? [peer.GroupName] : [],
        "cidr" when rule.SourceKind == SandboxSourceKind.CidrIpv4 => [rule.Source],
        "ipv6-cidr" when rule.SourceKind == SandboxSourceKind.CidrIpv6 => [rule.Source],
        "prefix-list-id" when rule.SourceKind == SandboxSourceKind.PrefixList => [rule.Source],
        "group-id" when rule.SourceKind == SandboxSourceKind.SecurityGroup => [rule.Source],
        "user-id" when rule.SourceKind == SandboxSourceKind.SecurityGroup => [rule.ReferencedUserId ?? ""],
        "protocol" => [rule.IpProtocol],
        "from-port" => [rule.FromPort.ToString(CultureInfo.InvariantCulture)],
        "to-port" => [rule.ToPort.ToString(CultureInfo.InvariantCulture)],
        _ => [],
    };
}
