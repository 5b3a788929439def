using DriftGuard.Sandbox.Model;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// DescribeSecurityGroupRules (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroupRules.html):
/// <c>SecurityGroupRuleId.N</c> (each must exist → else <c>InvalidSecurityGroupRuleId.NotFound</c>),
/// <c>Filter.N</c> (group-id, security-group-rule-id, tag:KEY), <c>MaxResults</c> 5–1000 and <c>NextToken</c>.
/// Returns <c>securityGroupRuleSet</c> (one SecurityGroupRule per peer) and <c>nextToken</c>.
/// </summary>
internal static class DescribeSecurityGroupRulesAction
{
    public static IEnumerable<object?> Run(Ec2Call call)
    {
        var p = call.Params;
        var state = call.State;
        var ids = p.List("SecurityGroupRuleId");
        var filters = Filters.Read(p, name =>
            name is "group-id" or "security-group-rule-id" || name.StartsWith("tag:", StringComparison.Ordinal));
        var max = Paging.MaxResults(p);
        var after = Paging.After(p, "sgr");
        foreach (var id in ids)
        {
            RuleCanonicalizer.RuleId(id);
            if (!state.RuleTable.ContainsKey(id)) throw Protocol.SandboxFault.RuleNotFound(id);
        }
        call.ThrowIfDryRun();

        var idSet = ids.ToHashSet(StringComparer.Ordinal);
        var candidates = state.RuleTable.Values
            .Where(r => idSet.Count == 0 || idSet.Contains(r.RuleId))
            .Where(r => filters.Match(name => ValuesOf(r, name)))
            .OrderBy(r => r.Sequence);
        var (page, next) = Paging.Take(candidates, r => r.Sequence, after, max, "sgr");
        return
        [
            E("securityGroupRuleSet", page.Select(r => SecurityGroupXml.Rule(state, r, OwnerOf(state, r)))),
            Optional("nextToken", next),
        ];
    }

    internal static string OwnerOf(SandboxState state, SandboxRule rule) =>
        state.GroupTable.TryGetValue(rule.GroupId, out var g) ? g.OwnerId : state.AccountId;

    private static IEnumerable<string> ValuesOf(SandboxRule rule, string filter) => filter switch
    {
        "group-id" => [rule.GroupId],
        "security-group-rule-id" => [rule.RuleId],
        _ => rule.Tags.Where(t => t.Key == filter[4..]).Select(t => t.Value),
    };
}
