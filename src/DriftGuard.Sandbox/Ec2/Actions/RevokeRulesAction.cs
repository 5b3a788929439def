using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// RevokeSecurityGroupIngress / RevokeSecurityGroupEgress
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html), either by
/// <c>SecurityGroupRuleId.N</c> (every id must be a rule of this group and direction, else
/// <c>InvalidSecurityGroupRuleId.NotFound</c> and nothing is revoked) or by <c>IpPermissions.N</c> matched on
/// protocol, ports and peer (the description is ignored). Values that match nothing: in the default VPC the call
/// succeeds and lists them in <c>unknownIpPermissionSet</c>; in any other VPC it fails with
/// <c>InvalidPermission.NotFound</c> and nothing is revoked — both as the API Reference documents.
/// Returns <c>return</c>, <c>revokedSecurityGroupRuleSet</c> and, when non-empty, <c>unknownIpPermissionSet</c>.
/// </summary>
internal static class RevokeRulesAction
{
    public static IEnumerable<object?> Ingress(Ec2Call call) => Run(call, isEgress: false);

    public static IEnumerable<object?> Egress(Ec2Call call) => Run(call, isEgress: true);

    private static IEnumerable<object?> Run(Ec2Call call, bool isEgress)
    {
        var state = call.State;
        var group = call.TargetGroup(allowName: !isEgress);
        var ruleIds = call.Params.List("SecurityGroupRuleId");
        var hasPermissions = call.Params.Members("IpPermissions").Count > 0;
        if (ruleIds.Count > 0 && hasPermissions)
            throw new SandboxFault("InvalidParameterCombination",
                "The parameter securityGroupRuleIds cannot be used with the parameter ipPermissions");

        var existing = state.RuleTable.Values.Where(r => r.GroupId == group.GroupId && r.IsEgress == isEgress).ToList();
        List<SandboxRule> revoke;
        List<SandboxRule> unknown = [];
        if (ruleIds.Count > 0)
        {
            revoke = [];
            foreach (var id in ruleIds.Distinct(StringComparer.Ordinal))
            {
                RuleCanonicalizer.RuleId(id);
                revoke.Add(existing.FirstOrDefault(r => r.RuleId == id) ?? throw SandboxFault.RuleNotFound(id));
            }
        }
        else
        {
            var requested = IpPermissionReader.Read(call, group, isEgress, allowLegacy: !isEgress);
            if (requested.Count == 0) throw SandboxFault.MissingParameter("ipPermissions");
            var byKey = existing.ToDictionary(r => r.Key);
            revoke = [];
            foreach (var wanted in requested)
            {
                if (byKey.TryGetValue(wanted.Key, out var match)) { if (!revoke.Contains(match)) revoke.Add(match); }
                else unknown.Add(wanted);
            }
            var isDefaultVpc = state.VpcTable.TryGetValue(group.VpcId, out var vpc) && vpc.IsDefault;
            if (unknown.Count > 0 && !isDefaultVpc) throw SandboxFault.PermissionNotFound();
        }
        call.ThrowIfDryRun();

        foreach (var rule in revoke) state.RuleTable.Remove(rule.RuleId);
        return
        [
            Bool("return", true),
            unknown.Count > 0 ? E("unknownIpPermissionSet", SecurityGroupXml.Permissions(unknown, group.OwnerId)) : null,
            E("revokedSecurityGroupRuleSet", revoke.Select(SecurityGroupXml.RevokedRule)),
        ];
    }
}
