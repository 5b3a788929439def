using DriftGuard.Sandbox.Protocol;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// CreateSecurityGroup (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html):
/// <c>GroupName</c> and <c>GroupDescription</c> (≤255 of <c>a-zA-Z0-9 ._-:/()#,@[]+=&amp;;{}!$*</c>), optional <c>VpcId</c> (default VPC otherwise) and
/// <c>TagSpecification</c> (resource type <c>security-group</c>). The group starts with EC2's one default egress
/// rule, all traffic to 0.0.0.0/0 (no ::/0). Errors: <c>InvalidGroup.Duplicate</c> (name taken in that VPC),
/// <c>InvalidVpcID.NotFound</c>, <c>InvalidParameterValue</c>. Returns <c>groupId</c>, <c>tagSet</c>, <c>securityGroupArn</c>.
/// </summary>
internal static class CreateSecurityGroupAction
{
    public static IEnumerable<object?> Run(Ec2Call call)
    {
        var p = call.Params;
        var name = p.Required("GroupName");
        var description = p.Required("GroupDescription");
        if (!RuleCanonicalizer.IsAllowedGroupText(name))
            throw SandboxFault.InvalidParameterValue(
                $"Invalid security group name '{name}'. Valid names are up to 255 characters from a-zA-Z0-9. _-:/()#,@[]+=&;{{}}!$*");
        if (!RuleCanonicalizer.IsAllowedGroupText(description))
            throw SandboxFault.InvalidParameterValue(
                "Invalid security group description. Valid descriptions are up to 255 characters from a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*");
        if (name.StartsWith("sg-", StringComparison.OrdinalIgnoreCase))
            throw SandboxFault.InvalidParameterValue($"Value ({name}) for parameter GroupName is invalid. Group names may not be in the format sg-*.");
        var vpcId = p.Get("VpcId") is { Length: > 0 } v ? v : call.State.VpcTable.Values.FirstOrDefault(x => x.IsDefault)?.VpcId
            ?? throw new SandboxFault("VPCIdNotSpecified", "No default VPC for this user");
        if (!call.State.VpcTable.ContainsKey(vpcId))
            throw new SandboxFault("InvalidVpcID.NotFound", $"The vpc ID '{vpcId}' does not exist");
        if (name == "default")
            throw new SandboxFault("InvalidGroup.Reserved", "The security group 'default' is reserved");
        if (call.State.GroupTable.Values.Any(g => g.VpcId == vpcId && g.GroupName == name))
            throw new SandboxFault("InvalidGroup.Duplicate", $"The security group '{name}' already exists for VPC '{vpcId}'");
        var tags = TagRules.FromSpecifications(p, "security-group");
        call.ThrowIfDryRun();

        var group = call.State.AddGroup(name, description, vpcId, tags, defaultEgress: true);
        return
        [
            Bool("return", true),
            E("groupId", group.GroupId),
            tags.Count > 0 ? TagSet(tags) : null,
            E("securityGroupArn", call.State.GroupArn(group.GroupId)),
        ];
    }
}
