namespace DriftGuard.Sandbox.Model;

/// <summary>
/// One atomic security-group rule (one peer), as EC2 stores and lists it with DescribeSecurityGroupRules
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html).
/// <see cref="IpProtocol"/> is canonical: <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>-1</c> (all) or an
/// IANA number. <see cref="FromPort"/>/<see cref="ToPort"/> are ports for tcp/udp, ICMP type/code for icmp/icmpv6
/// (-1 = all), and -1/-1 for every other protocol.
/// </summary>
public sealed record SandboxRule(
    string RuleId, string GroupId, bool IsEgress, string IpProtocol, int FromPort, int ToPort,
    SandboxSourceKind SourceKind, string Source)
{
    /// <summary>Rule description (0–255 characters), or null when none was given.</summary>
    public string? Description { get; init; }

    /// <summary>Account that owns the referenced group when <see cref="SourceKind"/> is a security group.</summary>
    public string? ReferencedUserId { get; init; }

    /// <summary>Tags in the order they were added.</summary>
    public IReadOnlyList<SandboxTag> Tags { get; init; } = [];

    /// <summary>Creation order within the world; used for stable listing and paging.</summary>
    public long Sequence { get; init; }

    internal RuleKey Key => new(GroupId, IsEgress, IpProtocol, FromPort, ToPort, SourceKind, Source);
}

/// <summary>What makes two rules the same rule for EC2: everything but the description, tags and id.</summary>
internal readonly record struct RuleKey(
    string GroupId, bool IsEgress, string IpProtocol, int FromPort, int ToPort, SandboxSourceKind SourceKind, string Source);
