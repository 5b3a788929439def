namespace DriftGuard.Core.Model;

/// <summary>
/// One canonical atomic security-group rule: direction + protocol + port range (or ICMP type/code)
/// + exactly one peer. Every declared reader and the live reader produce these.
/// </summary>
/// <remarks>
/// Ports: <c>null</c> for protocol <c>all</c> and numbered protocols (EC2 ignores them); for tcp/udp
/// the inclusive port range (<c>0–0</c> is port 0 only); for icmp/icmpv6 <see cref="FromPort"/> is the
/// type and <see cref="ToPort"/> the code, <c>-1</c> meaning all.
/// Shape follows https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html.
/// </remarks>
/// <param name="Group">Key of the owning group: a Terraform address, CloudFormation logical id or <c>sg-</c> id.</param>
public sealed record SgRule(string Group, Direction Direction, string Protocol, int? FromPort, int? ToPort, RuleSource Source)
{
    /// <summary>Rule description; compared separately from identity (a <c>changed</c> drift).</summary>
    public string? Description { get; init; }

    /// <summary>Where the rule is declared; null for live rules.</summary>
    public SourceLocation? Origin { get; init; }

    /// <summary>Live security group rule id (<c>sgr-…</c>), when known.</summary>
    public string? RuleId { get; init; }

    /// <summary>True when a port value is known only after apply.</summary>
    public bool PortsUnknown { get; init; }

    /// <summary>Identity of the rule, without descriptive fields.</summary>
    public RuleKey Key => new(Group, Direction, Protocol, FromPort, ToPort, Source);

    /// <summary>True when the peer is <c>0.0.0.0/0</c> or <c>::/0</c>.</summary>
    public bool IsFromWorld => Source is Cidr { IsWorld: true };

    /// <summary>True when the rule allows every port of tcp or udp, or every protocol.</summary>
    public bool CoversAllPorts => Protocol == Protocols.All
        || (Protocols.HasPortNumbers(Protocol) && (PortsUnknown || (FromPort <= 0 && ToPort >= 65535)));

    /// <summary>True when the rule lets TCP or UDP traffic reach <paramref name="port"/> (protocol all included).</summary>
    public bool CoversPort(int port, bool tcpOnly = false) => Protocol switch
    {
        Protocols.All => true,
        Protocols.Tcp => PortsUnknown || (FromPort <= port && ToPort >= port),
        Protocols.Udp when !tcpOnly => PortsUnknown || (FromPort <= port && ToPort >= port),
        _ => false,
    };

    /// <summary>Human text of protocol and ports: <c>tcp/22</c>, <c>tcp/20-25</c>, <c>icmp type 8 code 0</c>, <c>all</c>.</summary>
    public string PortText => Protocol switch
    {
        Protocols.All => "all",
        Protocols.Tcp or Protocols.Udp when PortsUnknown => $"{Protocol}/unknown",
        Protocols.Tcp or Protocols.Udp => FromPort == ToPort ? $"{Protocol}/{FromPort}" : $"{Protocol}/{FromPort}-{ToPort}",
        Protocols.Icmp or Protocols.Icmpv6 => $"{Protocol} type {Fmt(FromPort)} code {Fmt(ToPort)}",
        _ => $"proto {Protocol}",
    };

    private static string Fmt(int? v) => v is null or -1 ? "all" : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => $"{Group} {Direction.ToString().ToLowerInvariant()} {PortText} {Source}";
}

/// <summary>The identity of an atomic rule: two rules with the same key are the same rule.</summary>
public sealed record RuleKey(string Group, Direction Direction, string Protocol, int? FromPort, int? ToPort, RuleSource Source);
