namespace DriftGuard.Sandbox.Model;

/// <summary>
/// A security group of the sandbox world (its rules live apart, in <see cref="SandboxRule"/>): id <c>sg-…</c>,
/// name (unique per VPC; <c>default</c> is the VPC's default group), description, owning VPC, owner account and
/// tags. Shape of https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroup.html.
/// </summary>
public sealed record SandboxGroup(string GroupId, string GroupName, string Description, string VpcId, string OwnerId)
{
    /// <summary>Tags in the order they were added.</summary>
    public IReadOnlyList<SandboxTag> Tags { get; init; } = [];

    /// <summary>Creation order within the world; used for stable listing and paging.</summary>
    public long Sequence { get; init; }

    /// <summary>True for the group EC2 creates with each VPC; it cannot be deleted (<c>CannotDelete</c>).</summary>
    public bool IsDefaultGroup => GroupName == "default";
}
