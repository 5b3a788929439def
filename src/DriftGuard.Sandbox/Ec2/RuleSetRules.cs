using System.Globalization;
using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// Whole-request checks on a group's rule set: a rule that already exists, or appears twice in one request, fails
/// the whole call with <c>InvalidPermission.Duplicate</c>; more than the quota of rules per direction fails it with
/// <c>RulesPerSecurityGroupLimitExceeded</c>. AWS counts IPv4 and IPv6 separately, a group or prefix-list peer
/// counting in both (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups).
/// </summary>
internal static class RuleSetRules
{
    public static void RejectDuplicates(IEnumerable<SandboxRule> existing, IReadOnlyList<SandboxRule> added)
    {
        var seen = existing.Select(r => r.Key).ToHashSet();
        foreach (var rule in added)
            if (!seen.Add(rule.Key))
                throw new SandboxFault("InvalidPermission.Duplicate", $"the specified rule \"{Describe(rule)}\" already exists");
    }

    public static void EnforceQuota(IEnumerable<SandboxRule> resultingDirectionRules, int quota)
    {
        var list = resultingDirectionRules.ToList();
        var ipv4 = list.Count(r => r.SourceKind != SandboxSourceKind.CidrIpv6);
        var ipv6 = list.Count(r => r.SourceKind != SandboxSourceKind.CidrIpv4);
        if (ipv4 > quota || ipv6 > quota)
            throw new SandboxFault("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.");
    }

    /// <summary>The rule as EC2 names it in its duplicate message: <c>peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW</c>.</summary>
    public static string Describe(SandboxRule rule)
    {
        var protocol = rule.IpProtocol == "-1" ? "ALL" : rule.IpProtocol.ToUpperInvariant();
        var ports = rule.IpProtocol is "tcp" or "udp" or "icmp" or "icmpv6"
            ? string.Create(CultureInfo.InvariantCulture, $", from port: {rule.FromPort}, to port: {rule.ToPort}")
            : "";
        return $"peer: {rule.Source}, {protocol}{ports}, ALLOW";
    }
}
