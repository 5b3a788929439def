using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// Validates and canonicalises rule fields the way EC2 stores them
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html):
/// protocol names/numbers → <c>tcp</c>/<c>udp</c>/<c>icmp</c>/<c>icmpv6</c>/<c>-1</c>/number; tcp/udp need
/// 0 ≤ from ≤ to ≤ 65535; icmp needs a type and code, icmpv6 may omit them (all), both −1…255; other protocols carry no ports (−1/−1); CIDRs get their host
/// bits cleared (100.68.0.18/18 → 100.68.0.0/18). Every violation is <c>InvalidParameterValue</c> (400).
/// </summary>
internal static partial class RuleCanonicalizer
{
    public static string Protocol(string? raw)
    {
        var p = raw?.Trim().ToLowerInvariant();
        switch (p)
        {
            case null or "": throw SandboxFault.MissingParameter("ipPermissions.ipProtocol");
            case "-1": return "-1";
            case "tcp" or "6": return "tcp";
            case "udp" or "17": return "udp";
            case "icmp" or "1": return "icmp";
            case "icmpv6" or "58": return "icmpv6";
        }
        if (int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 255)
            return n.ToString(CultureInfo.InvariantCulture);
        throw SandboxFault.InvalidParameterValue($"Invalid value '{raw}' for IP protocol. Unknown protocol.");
    }

    public static (int From, int To) Ports(string protocol, int? from, int? to)
    {
        switch (protocol)
        {
            case "tcp" or "udp":
                if (from is null || to is null)
                    throw SandboxFault.InvalidParameterValue(
                        $"Invalid value 'null' for portRange. Must specify both from and to ports with TCP/UDP.");
                if (from is < 0 or > 65535 || to is < 0 or > 65535)
                    throw SandboxFault.InvalidParameterValue(
                        $"Invalid value '{(from is < 0 or > 65535 ? from : to)}' for portRange. Ports must be between 0 and 65535.");
                if (from > to)
                    throw SandboxFault.InvalidParameterValue(
                        $"Invalid TCP/UDP port range: FromPort ({from}) must be less than or equal to ToPort ({to}).");
                return (from.Value, to.Value);
            case "icmp" or "icmpv6":
                // API_IpPermission.html: "For tcp, udp, and icmp, you must specify a port range. For icmpv6, the port
                // range is optional; if you omit the port range, traffic for all types and codes is allowed."
                if (protocol == "icmp" && (from is null || to is null))
                    throw SandboxFault.InvalidParameterValue(
                        "Invalid value 'null' for portRange. Must specify both the ICMP type and code (-1 for all) with ICMP.");
                var type = from ?? -1;
                var code = to ?? -1;
                if (type is < -1 or > 255)
                    throw SandboxFault.InvalidParameterValue($"Invalid value '{type}' for ICMP type. Must be between -1 and 255.");
                if (code is < -1 or > 255)
                    throw SandboxFault.InvalidParameterValue($"Invalid value '{code}' for ICMP code. Must be between -1 and 255.");
                if (type == -1 && code != -1)
                    throw SandboxFault.InvalidParameterValue($"Invalid value '{code}' for ICMP code. Must be -1 when the ICMP type is -1.");
                return (type, code);
            default:
                return (-1, -1); // EC2 ignores ports for all-traffic and for protocols without ports.
        }
    }

    public static string Ipv4Cidr(string raw)
    {
        if (!TrySplit(raw, 32, out var addressText, out var prefix) || !DottedQuad().IsMatch(addressText)
            || !IPAddress.TryParse(addressText, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            throw SandboxFault.InvalidParameterValue($"CIDR block {raw} is malformed");
        return $"{Mask(address, prefix)}/{prefix.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string Ipv6Cidr(string raw)
    {
        if (!TrySplit(raw, 128, out var addressText, out var prefix) || !addressText.Contains(':')
            || !IPAddress.TryParse(addressText, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            throw SandboxFault.InvalidParameterValue($"CIDR block {raw} is malformed");
        return $"{Mask(address, prefix)}/{prefix.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string PrefixListId(string raw) =>
        PrefixListPattern().IsMatch(raw)
            ? raw
            : throw new SandboxFault("InvalidPrefixListId.Malformed", $"The prefix list ID '{raw}' is malformed");

    public static string GroupId(string raw) =>
        GroupIdPattern().IsMatch(raw)
            ? raw
            : throw new SandboxFault("InvalidGroupId.Malformed", $"Invalid id: \"{raw}\" (expecting \"sg-...\")");

    public static string RuleId(string raw) =>
        RuleIdPattern().IsMatch(raw)
            ? raw
            : throw new SandboxFault("InvalidSecurityGroupRuleId.Malformed", $"Invalid id: \"{raw}\" (expecting \"sgr-...\")");

    /// <summary>Rule descriptions: up to 255 of <c>a-zA-Z0-9</c>, space and <c>._-:/()#,@[]+=&amp;;{}!$*</c> (API_IpRange.html).</summary>
    public static string? Description(string? raw) =>
        raw is null || AllowedText().IsMatch(raw)
            ? raw
            : throw SandboxFault.InvalidParameterValue(
                "Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*");

    /// <summary>True for VPC security-group names and descriptions: the same set as rule descriptions, 1–255 long.</summary>
    public static bool IsAllowedGroupText(string value) => value.Length > 0 && AllowedText().IsMatch(value);

    private static bool TrySplit(string raw, int maxPrefix, out string address, out int prefix)
    {
        address = "";
        prefix = 0;
        var slash = raw.IndexOf('/');
        if (slash <= 0) return false;
        address = raw[..slash];
        return int.TryParse(raw.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix)
               && prefix <= maxPrefix;
    }

    private static string Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsKept = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsKept));
        }
        return new IPAddress(bytes).ToString();
    }

    [GeneratedRegex(@"^[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]{0,255}$")]
    private static partial Regex AllowedText();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex("^pl-[0-9a-f]{8,17}$")]
    private static partial Regex PrefixListPattern();

    [GeneratedRegex("^sg-[0-9a-f]{8,17}$")]
    private static partial Regex GroupIdPattern();

    [GeneratedRegex("^sgr-[0-9a-f]{8,17}$")]
    private static partial Regex RuleIdPattern();
}
