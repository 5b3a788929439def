using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// UpdateSecurityGroupRuleDescriptionsIngress / Egress
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UpdateSecurityGroupRuleDescriptionsIngress.html):
/// either <c>IpPermissions.N</c> (rules matched on protocol, ports and peer; the source's <c>Description</c>
/// replaces the rule's, none clears it; a permission matching no rule → <c>InvalidPermission.NotFound</c>) or
/// <c>SecurityGroupRuleDescription.N.{SecurityGroupRuleId,Description}</c>. All-or-nothing. Returns <c>return</c>.
/// </summary>
internal static class UpdateRuleDescriptionsAction
{
    public static IEnumerable<object?> Ingress(Ec2Call call) => Run(call, isEgress: false);

    public static IEnumerable<object?> Egress(Ec2Call call) => Run(call, isEgress: true);

    private static IEnumerable<object?> Run(Ec2Call call, bool isEgress)
    {
        var p = call.Params;
        var state = call.State;
        var group = call.TargetGroup(); // both directions take GroupId or GroupName ([Default VPC])
        var existing = state.RuleTable.Values.Where(r => r.GroupId == group.GroupId && r.IsEgress == isEgress).ToList();
        var updates = new List<SandboxRule>();
        var byId = p.Members("SecurityGroupRuleDescription");
        if (byId.Count > 0)
        {
            foreach (var member in byId)
            {
                var id = RuleCanonicalizer.RuleId(p.Required($"{member}.SecurityGroupRuleId"));
                var rule = existing.FirstOrDefault(r => r.RuleId == id) ?? throw SandboxFault.RuleNotFound(id);
                updates.Add(rule with { Description = RuleCanonicalizer.Description(p.Get($"{member}.Description")) });
            }
        }
        else
        {
            var requested = IpPermissionReader.Read(call, group, isEgress, allowLegacy: false);
            if (requested.Count == 0) throw SandboxFault.MissingParameter("ipPermissions");
            var byKey = existing.ToDictionary(r => r.Key);
            foreach (var wanted in requested)
            {
                var rule = byKey.TryGetValue(wanted.Key, out var match) ? match : throw SandboxFault.PermissionNotFound();
                updates.Add(rule with { Description = wanted.Description });
            }
        }
        call.ThrowIfDryRun();

        foreach (var rule in updates) state.RuleTable[rule.RuleId] = rule;
        return [Bool("return", true)];
    }
}
