using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// ModifySecurityGroupRules (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySecurityGroupRules.html):
/// <c>GroupId</c> and <c>SecurityGroupRule.N.SecurityGroupRuleId</c> with the rule's new definition in
/// <c>SecurityGroupRule.N.SecurityGroupRule.{IpProtocol,FromPort,ToPort,CidrIpv4|CidrIpv6|PrefixListId|ReferencedGroupId,Description}</c>.
/// Each rule keeps its id, direction and tags. Unknown id → <c>InvalidSecurityGroupRuleId.NotFound</c>; a result
/// equal to another rule → <c>InvalidPermission.Duplicate</c>; all-or-nothing. Returns <c>return</c>.
/// </summary>
internal static class ModifySecurityGroupRulesAction
{
    public static IEnumerable<object?> Run(Ec2Call call)
    {
        var p = call.Params;
        var state = call.State;
        var group = call.TargetGroup(allowName: false);
        var members = p.Members("SecurityGroupRule");
        if (members.Count == 0) throw SandboxFault.MissingParameter("securityGroupRules");

        var replacements = new Dictionary<string, SandboxRule>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var id = RuleCanonicalizer.RuleId(p.Required($"{member}.SecurityGroupRuleId"));
            if (!state.RuleTable.TryGetValue(id, out var current) || current.GroupId != group.GroupId)
                throw SandboxFault.RuleNotFound(id);
            replacements[id] = Replacement(call, group, current, $"{member}.SecurityGroupRule");
        }
        foreach (var isEgress in new[] { false, true })
        {
            var untouched = state.RuleTable.Values.Where(r => r.GroupId == group.GroupId && r.IsEgress == isEgress
                                                              && !replacements.ContainsKey(r.RuleId)).ToList();
            var changed = replacements.Values.Where(r => r.IsEgress == isEgress).ToList();
            RuleSetRules.RejectDuplicates(untouched, changed);
            RuleSetRules.EnforceQuota(untouched.Concat(changed), call.Options.RulesPerSecurityGroup);
        }
        call.ThrowIfDryRun();

        foreach (var rule in replacements.Values) state.RuleTable[rule.RuleId] = rule;
        return [Bool("return", true)];
    }

    private static SandboxRule Replacement(Ec2Call call, SandboxGroup group, SandboxRule current, string prefix)
    {
        var p = call.Params;
        var protocol = RuleCanonicalizer.Protocol(p.Get($"{prefix}.IpProtocol"));
        var (from, to) = RuleCanonicalizer.Ports(protocol, p.Int($"{prefix}.FromPort"), p.Int($"{prefix}.ToPort"));
        var sources = new List<(SandboxSourceKind Kind, string Value)>();
        if (p.Get($"{prefix}.CidrIpv4") is { } v4) sources.Add((SandboxSourceKind.CidrIpv4, RuleCanonicalizer.Ipv4Cidr(v4)));
        if (p.Get($"{prefix}.CidrIpv6") is { } v6) sources.Add((SandboxSourceKind.CidrIpv6, RuleCanonicalizer.Ipv6Cidr(v6)));
        if (p.Get($"{prefix}.PrefixListId") is { } pl) sources.Add((SandboxSourceKind.PrefixList, RuleCanonicalizer.PrefixListId(pl)));
        if (p.Get($"{prefix}.ReferencedGroupId") is { } sg)
        {
            RuleCanonicalizer.GroupId(sg);
            IpPermissionReader.RequireSameVpc(call, group, sg);
            sources.Add((SandboxSourceKind.SecurityGroup, sg));
        }
        if (sources.Count != 1)
            throw SandboxFault.InvalidParameterValue(
                "Exactly one of CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupId must be specified.");
        var (kind, value) = sources[0];
        return current with
        {
            IpProtocol = protocol,
            FromPort = from,
            ToPort = to,
            SourceKind = kind,
            Source = value,
            ReferencedUserId = kind == SandboxSourceKind.SecurityGroup ? group.OwnerId : null,
            Description = RuleCanonicalizer.Description(p.Get($"{prefix}.Description")),
        };
    }
}
