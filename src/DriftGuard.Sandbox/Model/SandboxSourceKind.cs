namespace DriftGuard.Sandbox.Model;

/// <summary>
/// The one peer a security-group rule has, as in the EC2 <c>SecurityGroupRule</c> data type
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html):
/// exactly one of <c>cidrIpv4</c>, <c>cidrIpv6</c>, <c>prefixListId</c>, <c>referencedGroupInfo</c>.
/// </summary>
public enum SandboxSourceKind
{
    /// <summary>An IPv4 CIDR block such as <c>10.0.0.0/8</c> (host bits cleared).</summary>
    CidrIpv4,
    /// <summary>An IPv6 CIDR block such as <c>2001:db8::/32</c> (lower-case, compressed, host bits cleared).</summary>
    CidrIpv6,
    /// <summary>A managed prefix list id such as <c>pl-63a5400a</c>.</summary>
    PrefixList,
    /// <summary>Another (or the same) security group, by id <c>sg-…</c>.</summary>
    SecurityGroup,
}
