using System.Globalization;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Reports;

/// <summary>Text forms of an atomic rule shared by every writer.</summary>
public static class RuleText
{
    /// <summary>Lower-case wire name of a direction: <c>ingress</c> or <c>egress</c>.</summary>
    public static string Name(this Direction direction) => direction == Direction.Ingress ? "ingress" : "egress";

    /// <summary>What a person reads: <c>ingress tcp/22 0.0.0.0/0</c>; <c>group</c> for a group-level item (null rule).</summary>
    public static string Describe(SgRule? rule) =>
        rule is null ? "group" : $"{rule.Direction.Name()} {rule.PortText} {rule.Source.Canonical}";

    /// <summary>
    /// Identity text of a rule without its group: <c>ingress|tcp|22|22|0.0.0.0/0</c>. Unknown sources keep their
    /// expression so two different unknowns never collide. Used for sorting and fingerprints, never for display.
    /// </summary>
    public static string Key(SgRule? rule)
    {
        if (rule is null) return "group";
        var source = rule.Source is UnknownSource u ? $"unknown:{u.Kind}:{u.Expression}" : rule.Source.Canonical;
        return string.Join('|', rule.Direction.Name(), rule.Protocol, Port(rule.FromPort), Port(rule.ToPort), source);
    }

    /// <summary>
    /// The wire form of the ports: tcp/udp port range; icmp/icmpv6 type and code (<c>-1</c> = all);
    /// null for protocol <c>all</c>, numbered protocols and ports unknown until apply.
    /// </summary>
    public static (int? From, int? To) WirePorts(SgRule rule) =>
        Protocols.HasPorts(rule.Protocol) && !rule.PortsUnknown ? (rule.FromPort, rule.ToPort) : (null, null);

    private static string Port(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
