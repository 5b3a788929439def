namespace DriftGuard.Core.Model;

/// <summary>How a group's rules are declared.</summary>
public enum RuleStyle
{
    /// <summary>No rules declared.</summary>
    None,
    /// <summary>Inline <c>ingress</c>/<c>egress</c> blocks or CloudFormation <c>SecurityGroupIngress</c>/<c>Egress</c> properties.</summary>
    Inline,
    /// <summary>Standalone rule resources only.</summary>
    Standalone,
    /// <summary>Both; Terraform warns against it because the two fight.</summary>
    Mixed,
}

/// <summary>
/// A security group, declared or live, with its canonical atomic rules (inline rules plus every
/// standalone rule resource that targets it).
/// </summary>
/// <param name="Key">Group key: Terraform address, CloudFormation logical id, or for live groups the <c>sg-</c> id.</param>
public sealed record SecurityGroup(string Key)
{
    /// <summary>The EC2 group id (<c>sg-…</c>) when known (state, live, stack resources).</summary>
    public string? GroupId { get; init; }

    /// <summary>The group name (<c>GroupName</c> / Terraform <c>name</c>), when known.</summary>
    public string? Name { get; init; }

    /// <summary>The group description (immutable in EC2).</summary>
    public string? Description { get; init; }

    /// <summary>VPC id, when known.</summary>
    public string? VpcId { get; init; }

    /// <summary>Owner account id, when known.</summary>
    public string? OwnerId { get; init; }

    /// <summary>Region, for live groups.</summary>
    public string? Region { get; init; }

    /// <summary>Resource type: <c>aws_security_group</c>, <c>aws_default_security_group</c>, <c>AWS::EC2::SecurityGroup</c>, or <c>live</c>.</summary>
    public string ResourceType { get; init; } = "aws_security_group";

    /// <summary>True for a VPC's default security group.</summary>
    public bool IsDefault { get; init; }

    /// <summary>Tags (key → value).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>All atomic rules, ingress and egress.</summary>
    public IReadOnlyList<SgRule> Rules { get; init; } = [];

    /// <summary>How the rules are declared.</summary>
    public RuleStyle Style { get; init; } = RuleStyle.None;

    /// <summary>
    /// For CloudFormation: whether the group's own <c>SecurityGroupEgress</c> property is set. When it is not,
    /// EC2 keeps its default allow-all egress rule. Terraform always removes the default egress unless declared.
    /// </summary>
    public bool EgressDeclared { get; init; } = true;

    /// <summary>
    /// Policy results the IaC itself waives for this group, with the reason given: CloudFormation
    /// <c>Metadata: driftguard: skip: [{id: DG-SG-001, reason: "…"}]</c> on the group or on a standalone rule resource targeting it.
    /// </summary>
    public IReadOnlyList<(string PolicyId, string Reason)> Skips { get; init; } = [];

    /// <summary>Where the group is declared; null for live groups.</summary>
    public SourceLocation? Origin { get; init; }

    /// <summary>Ingress rules.</summary>
    public IEnumerable<SgRule> Ingress => Rules.Where(r => r.Direction == Direction.Ingress);

    /// <summary>Egress rules.</summary>
    public IEnumerable<SgRule> Egress => Rules.Where(r => r.Direction == Direction.Egress);

    /// <summary>Display name for reports: the IaC key, else the id.</summary>
    public string DisplayName => Key;
}
