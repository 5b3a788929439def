using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy.Rules;

/// <summary>
/// DG-SG-006: an ingress rule whose peer is unknown until apply (a CIDR, IPv6 CIDR or prefix list computed by
/// another resource) and which would fail a world-exposure policy (DG-SG-001..004) if that peer were the internet.
/// Reported as unresolved so it is never passed silently. An unknown security-group reference is never the internet.
/// </summary>
internal sealed class UnresolvedPeerMayBeInternet : IRulePolicy
{
    public PolicyInfo Info { get; } = new(
        "DG-SG-006",
        "Ec2.SecurityGroup.UnresolvedPeerMayBeInternet",
        "Security group rules that could open a sensitive port to the internet should have a known peer",
        Severity.Medium,
        "A plan or template can leave a rule's CIDR or prefix list unknown until apply (a variable, another " +
        "resource's attribute, an SSM parameter). If it resolves to 0.0.0.0/0 or ::/0 the rule is as exposed as a " +
        "literal world-open rule, but a gate that treats unknown as empty would pass it.",
        "Make the peer known at plan time, or waive the finding with a reason once you have checked the value. " +
        "Terraform: use a literal or a variable with a validation block for cidr_blocks / ipv6_cidr_blocks / " +
        "prefix_list_ids, or reference a security group instead. CloudFormation: use a parameter with an " +
        "AllowedPattern that rejects /0, or SourceSecurityGroupId.",
        ["PCI-DSS-v4.0-1.3.1", "NIST-800-53-SC-7"]);

    public string? Check(SgRule rule, SecurityGroup group, PolicyContext context)
    {
        if (rule.Direction != Direction.Ingress || rule.Source is not UnknownSource { CouldBeWorld: true } unknown) return null;
        // Try the worst case of the peer's family; a prefix list could hold either.
        var worlds = unknown.Kind switch
        {
            "cidr" => new[] { "0.0.0.0/0" },
            "ipv6" => ["::/0"],
            _ => ["0.0.0.0/0", "::/0"],
        };
        var wouldFail = context.EnabledWorldPolicies
            .Where(p => worlds.Any(w => p.Check(rule with { Source = new Cidr(w) }, group, context) is not null))
            .Select(p => p.Info.Id)
            .ToList();
        return wouldFail.Count == 0
            ? null
            : $"{PolicyContext.Describe(rule)}: {unknown.Kind} '{unknown.Expression}' is unknown until apply; if it is the internet this rule fails {string.Join(", ", wouldFail)}";
    }
}
