using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// AuthorizeSecurityGroupIngress / AuthorizeSecurityGroupEgress
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html): each source of
/// each <c>IpPermissions.N</c> becomes one rule with its own <c>sgr-</c> id, tagged from <c>TagSpecification</c>
/// (<c>security-group-rule</c>). All-or-nothing: a duplicate (of an existing rule or within the request), an
/// invalid value or the rules-per-group quota fails the whole call and nothing is applied.
/// Returns <c>return</c> and <c>securityGroupRuleSet</c>.
/// </summary>
internal static class AuthorizeRulesAction
{
    public static IEnumerable<object?> Ingress(Ec2Call call) => Run(call, isEgress: false);

    public static IEnumerable<object?> Egress(Ec2Call call) => Run(call, isEgress: true);

    private static IEnumerable<object?> Run(Ec2Call call, bool isEgress)
    {
        var state = call.State;
        var group = call.TargetGroup(allowName: !isEgress);
        var requested = IpPermissionReader.Read(call, group, isEgress, allowLegacy: !isEgress);
        if (requested.Count == 0) throw SandboxFault.MissingParameter("ipPermissions");
        var tags = TagRules.FromSpecifications(call.Params, "security-group-rule");
        var existing = state.RuleTable.Values.Where(r => r.GroupId == group.GroupId && r.IsEgress == isEgress).ToList();
        RuleSetRules.RejectDuplicates(existing, requested);
        RuleSetRules.EnforceQuota(existing.Concat(requested), call.Options.RulesPerSecurityGroup);
        call.ThrowIfDryRun();

        var added = requested.Select(r => state.AddRule(r with { Tags = tags })).ToList();
        return
        [
            Bool("return", true),
            E("securityGroupRuleSet", added.Select(r => SecurityGroupXml.Rule(state, r, group.OwnerId))),
        ];
    }
}
