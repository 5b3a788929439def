using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>One EC2 request being served: its parameters, the world, and the options. Actions run under the state lock.</summary>
internal sealed class Ec2Call(QueryParameters parameters, SandboxState state, SandboxOptions options)
{
    public QueryParameters Params { get; } = parameters;
    public SandboxState State { get; } = state;
    public SandboxOptions Options { get; } = options;

    /// <summary>
    /// Called by every action after it validated its input and right before it would change or return anything:
    /// a permitted DryRun request ends here with HTTP 412 <c>DryRunOperation</c>.
    /// </summary>
    public void ThrowIfDryRun()
    {
        if (Params.Flag("DryRun"))
            throw new SandboxFault("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
    }

    /// <summary>
    /// The target group named by <c>GroupId</c>, or by <c>GroupName</c> in the default VPC (EC2 resolves names only
    /// there). Unknown → <c>InvalidGroup.NotFound</c>; neither given → <c>MissingParameter</c>; both given →
    /// <c>InvalidParameterCombination</c> (the API takes one or the other, never both).
    /// </summary>
    public SandboxGroup TargetGroup(bool allowName = true)
    {
        var hasName = Params.Get("GroupName") is { Length: > 0 };
        if (Params.Get("GroupId") is { Length: > 0 } id)
        {
            if (allowName && hasName)
                throw new SandboxFault("InvalidParameterCombination", "The parameter groupName cannot be used with the parameter groupId");
            return GroupById(id);
        }
        if (allowName && Params.Get("GroupName") is { Length: > 0 } name) return GroupByNameInDefaultVpc(name);
        throw allowName
            ? new SandboxFault("MissingParameter", "The request must contain the parameter groupName or groupId")
            : SandboxFault.MissingParameter("groupId");
    }

    public SandboxGroup GroupById(string id)
    {
        RuleCanonicalizer.GroupId(id);
        return State.GroupTable.TryGetValue(id, out var group) ? group : throw SandboxFault.GroupNotFound(id);
    }

    public SandboxGroup GroupByNameInDefaultVpc(string name)
    {
        var vpcId = State.VpcTable.Values.FirstOrDefault(v => v.IsDefault)?.VpcId;
        return State.GroupTable.Values.FirstOrDefault(g => g.VpcId == vpcId && g.GroupName == name)
               ?? throw new SandboxFault("InvalidGroup.NotFound",
                   $"The security group '{name}' does not exist in default VPC '{vpcId ?? "none"}'");
    }
}
