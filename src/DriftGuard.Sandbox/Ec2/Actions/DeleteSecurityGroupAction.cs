using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// DeleteSecurityGroup (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSecurityGroup.html):
/// by <c>GroupId</c> (or <c>GroupName</c> in the default VPC). A VPC's default group → <c>CannotDelete</c>; a group
/// another group's rule references → <c>DependencyViolation</c>; unknown → <c>InvalidGroup.NotFound</c>.
/// Returns <c>return</c> and <c>groupId</c>.
/// </summary>
internal static class DeleteSecurityGroupAction
{
    public static IEnumerable<object?> Run(Ec2Call call)
    {
        var group = call.TargetGroup();
        if (group.IsDefaultGroup)
            throw new SandboxFault("CannotDelete",
                $"the specified group: \"{group.GroupId}\" name: \"default\" cannot be deleted by a user");
        var referenced = call.State.RuleTable.Values.Any(r =>
            r.SourceKind == SandboxSourceKind.SecurityGroup && r.Source == group.GroupId && r.GroupId != group.GroupId);
        if (referenced)
            throw new SandboxFault("DependencyViolation", $"resource {group.GroupId} has a dependent object");
        call.ThrowIfDryRun();

        call.State.GroupTable.Remove(group.GroupId);
        foreach (var rule in call.State.RuleTable.Values.Where(r => r.GroupId == group.GroupId).ToList())
            call.State.RuleTable.Remove(rule.RuleId);
        return [Bool("return", true), E("groupId", group.GroupId)];
    }
}
