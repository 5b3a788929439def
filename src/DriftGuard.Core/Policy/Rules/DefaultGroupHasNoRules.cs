using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy.Rules;

/// <summary>DG-SG-005: a VPC's default security group has no rules, inbound or outbound, as AWS Security Hub control EC2.2.</summary>
/// <remarks>
/// Medium rather than EC2.2's high: most rules it flags are the self-reference and allow-all egress AWS creates,
/// which expose nothing to the internet by themselves; a world-open rule on a default group also fails DG-SG-001..004.
/// </remarks>
internal sealed class DefaultGroupHasNoRules : IRulePolicy
{
    public PolicyInfo Info { get; } = new(
        "DG-SG-005",
        "Ec2.SecurityGroup.DefaultGroupHasNoRules",
        "VPC default security groups should not allow inbound or outbound traffic",
        Severity.Medium,
        "Every resource launched without an explicit security group lands in the VPC's default group. If that group " +
        "has rules, forgotten resources silently get network access, and everything in it can reach everything else " +
        "through the default self-reference.",
        "Manage the default group with no rules and give every resource its own least-privilege group. Terraform: " +
        "declare aws_default_security_group for the VPC with no ingress or egress blocks (the provider then removes " +
        "all rules). CloudFormation cannot manage a VPC's default group; revoke its rules once (aws ec2 " +
        "revoke-security-group-ingress / -egress) and let DriftGuard's drift check keep it empty.",
        [
            "AWS-SecurityHub-EC2.2",
            "CIS-AWS-Foundations: the default security group of every VPC restricts all traffic",
            "NIST-800-53-SC-7",
        ]);

    public string? Check(SgRule rule, SecurityGroup group, PolicyContext context) =>
        group.IsDefault
            ? $"default security group {group.DisplayName} has a rule: {PolicyContext.Describe(rule)}"
            : null;
}
