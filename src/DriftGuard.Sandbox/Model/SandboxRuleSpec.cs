namespace DriftGuard.Sandbox.Model;

/// <summary>
/// A rule to seed with <see cref="SandboxState.SeedRules"/>: direction, protocol (name or number, canonicalised as
/// EC2 does), ports (ICMP type/code; ignored for protocol -1), one peer and an optional description.
/// </summary>
public sealed record SandboxRuleSpec(
    bool IsEgress, string IpProtocol, int FromPort, int ToPort, SandboxSourceKind SourceKind, string Source,
    string? Description = null)
{
    /// <summary>An inbound TCP rule from an IPv4 CIDR block.</summary>
    public static SandboxRuleSpec IngressTcp(int fromPort, int toPort, string cidrIpv4, string? description = null) =>
        new(false, "tcp", fromPort, toPort, SandboxSourceKind.CidrIpv4, cidrIpv4, description);
}
