using System.Globalization;

namespace DriftGuard.Core.Model;

/// <summary>
/// Canonical IP protocol names, as EC2 itself normalises them: <c>-1</c>/<c>all</c> → <c>all</c>;
/// <c>6</c>/<c>17</c>/<c>1</c>/<c>58</c> → <c>tcp</c>/<c>udp</c>/<c>icmp</c>/<c>icmpv6</c>; any other IANA
/// number (0–255) stays a number. See
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html (IpProtocol).
/// </summary>
public static class Protocols
{
    /// <summary>Every protocol, every port.</summary>
    public const string All = "all";
    /// <summary>TCP (6).</summary>
    public const string Tcp = "tcp";
    /// <summary>UDP (17).</summary>
    public const string Udp = "udp";
    /// <summary>ICMP (1); ports are ICMP type and code.</summary>
    public const string Icmp = "icmp";
    /// <summary>ICMPv6 (58); ports are ICMPv6 type and code.</summary>
    public const string Icmpv6 = "icmpv6";

    /// <summary>Returns the canonical protocol, or false with a reason for an unknown name or an out-of-range number.</summary>
    public static bool TryCanonical(string? raw, out string canonical, out string? error)
    {
        canonical = "";
        error = null;
        var p = raw?.Trim().ToLowerInvariant() ?? "";
        switch (p)
        {
            case "-1" or "all" or "any": canonical = All; return true; // "any" is not EC2, but IaC users write it; fail closed
            case "tcp" or "6": canonical = Tcp; return true;
            case "udp" or "17": canonical = Udp; return true;
            case "icmp" or "1": canonical = Icmp; return true;
            case "icmpv6" or "58": canonical = Icmpv6; return true;
        }
        if (int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 255)
        {
            canonical = n.ToString(CultureInfo.InvariantCulture);
            return true;
        }
        error = string.IsNullOrEmpty(p) ? "missing protocol" : $"unknown protocol '{raw}'";
        return false;
    }

    /// <summary>Canonical protocol or throws <see cref="FormatException"/>.</summary>
    public static string Canonical(string raw) =>
        TryCanonical(raw, out var c, out var e) ? c : throw new FormatException(e);

    /// <summary>True when the port fields mean something for this protocol (tcp, udp: ports; icmp/icmpv6: type/code).</summary>
    public static bool HasPorts(string canonical) => canonical is Tcp or Udp or Icmp or Icmpv6;

    /// <summary>True for tcp and udp, whose port fields are real port numbers.</summary>
    public static bool HasPortNumbers(string canonical) => canonical is Tcp or Udp;
}
