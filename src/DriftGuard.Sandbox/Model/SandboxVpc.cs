namespace DriftGuard.Sandbox.Model;

/// <summary>
/// A VPC of the sandbox world: id <c>vpc-…</c>, primary IPv4 CIDR block, whether it is the region's default VPC,
/// and its tags. Shape of https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Vpc.html (subset).
/// </summary>
public sealed record SandboxVpc(string VpcId, string CidrBlock, bool IsDefault)
{
    /// <summary>Tags in the order they were added.</summary>
    public IReadOnlyList<SandboxTag> Tags { get; init; } = [];

    /// <summary>Creation order within the world; used for stable listing and paging.</summary>
    public long Sequence { get; init; }
}
