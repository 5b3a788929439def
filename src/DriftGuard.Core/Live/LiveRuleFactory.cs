using System.Globalization;
using DriftGuard.Core.Declared;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Live;

/// <summary>
/// Turns live EC2 permissions into canonical atomic <see cref="SgRule"/>s (one per peer) through the same
/// <see cref="AtomicRuleFactory"/> the declared readers use, so both sides canonicalise identically
/// (protocol names, ICMP type/code, ports null for protocol all, CIDR host bits cleared).
/// </summary>
public static class LiveRuleFactory
{
    /// <summary>Atomic live rules of <paramref name="permission"/>; problems (e.g. an invalid CIDR) become errors, never exceptions.</summary>
    /// <param name="permission">The live permission.</param>
    /// <param name="file">File or API name used in diagnostics (e.g. <c>live.json</c>, <c>ec2:DescribeSecurityGroups us-east-1</c>).</param>
    public static (IReadOnlyList<SgRule> Rules, IReadOnlyList<Diagnostic> Errors) ToRules(LivePermission permission, string file)
    {
        var rules = new List<SgRule>(permission.Peers.Count);
        var errors = new List<Diagnostic>();
        foreach (var peer in permission.Peers)
        {
            // One raw rule per peer: EC2 keeps a description per peer, not per permission.
            var one = new RawValue[] { RawValue.Of(peer.Value) };
            var raw = new RawRule
            {
                Group = permission.GroupId,
                Direction = permission.Direction,
                Protocol = permission.Protocol is null ? RawValue.Missing : RawValue.Of(permission.Protocol),
                FromPort = Port(permission.FromPort),
                ToPort = Port(permission.ToPort),
                Cidrs = peer.Kind == LivePeerKind.Ipv4 ? one : [],
                Ipv6Cidrs = peer.Kind == LivePeerKind.Ipv6 ? one : [],
                PrefixLists = peer.Kind == LivePeerKind.PrefixList ? one : [],
                Groups = peer.Kind == LivePeerKind.Group ? one : [],
                Description = peer.Description,
                Origin = new SourceLocation(file, 0, permission.GroupId),
            };
            var expansion = AtomicRuleFactory.Expand(raw);
            errors.AddRange(expansion.Errors);
            // Live rules carry no IaC origin; the factory's IaC warnings (tcp 0-0, ports ignored for -1) don't apply to live state.
            rules.AddRange(expansion.Rules.Select(r => r with { Origin = null, RuleId = permission.RuleId }));
        }
        return (rules, errors);
    }

    private static RawValue Port(int? port) =>
        port is null ? RawValue.Missing : RawValue.Of(port.Value.ToString(CultureInfo.InvariantCulture));
}
