using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;

namespace DriftGuard.Core.Ledger;

/// <summary>The atomic rule of a drift as the ledger stores it (wire form of <see cref="SgRule"/>).</summary>
/// <param name="Direction"><c>ingress</c> or <c>egress</c>.</param>
/// <param name="Protocol">Canonical protocol: <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>all</c> or a number.</param>
/// <param name="FromPort">First port (tcp/udp) or ICMP type; null for protocol all.</param>
/// <param name="ToPort">Last port (tcp/udp) or ICMP code; null for protocol all.</param>
/// <param name="Source">Canonical peer: CIDR, <c>pl-…</c> or <c>sg-…</c>.</param>
/// <param name="Description">Rule description (live for unmanaged, declared for missing).</param>
public sealed record LedgerRule(string Direction, string Protocol, int? FromPort, int? ToPort, string Source, string? Description)
{
    /// <summary>Human text: <c>ingress tcp/22 0.0.0.0/0</c>.</summary>
    public string Text => $"{Direction} {PortText} {Source}";

    /// <summary>Protocol and ports as <see cref="SgRule.PortText"/> writes them.</summary>
    public string PortText => ToRule("x").PortText;

    /// <summary>From a canonical rule.</summary>
    public static LedgerRule From(SgRule rule) =>
        new(rule.Direction.Name(), rule.Protocol, rule.FromPort, rule.ToPort, rule.Source.Canonical, rule.Description);

    /// <summary>Back to a canonical rule on <paramref name="group"/> (source parsed back from its canonical text).</summary>
    public SgRule ToRule(string group)
    {
        RuleSource source = Source.StartsWith("sg-", StringComparison.Ordinal) ? new GroupRef(Source)
            : Source.StartsWith("pl-", StringComparison.Ordinal) ? new PrefixList(Source)
            : Cidr.TryParse(Source, out var cidr, out _) ? cidr! : new Cidr(Source);
        var direction = Direction == "egress" ? Model.Direction.Egress : Model.Direction.Ingress;
        return new SgRule(group, direction, Protocol, FromPort, ToPort, source) { Description = Description };
    }
}
