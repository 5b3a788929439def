using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>
/// Rule identity inside one group: direction, protocol, ports and peer — <see cref="RuleKey"/> without the group,
/// which the diff compares one group at a time. Compares the rules themselves, so building a key allocates nothing.
/// </summary>
internal sealed class RuleIdentityComparer : IEqualityComparer<SgRule>
{
    /// <summary>The one instance (stateless).</summary>
    public static readonly RuleIdentityComparer Instance = new();

    public bool Equals(SgRule? x, SgRule? y) =>
        ReferenceEquals(x, y) ||
        (x is not null && y is not null &&
         x.Direction == y.Direction && x.FromPort == y.FromPort && x.ToPort == y.ToPort &&
         string.Equals(x.Protocol, y.Protocol, StringComparison.Ordinal) &&
         (ReferenceEquals(x.Source, y.Source) || x.Source.Equals(y.Source)));

    public int GetHashCode(SgRule r) => HashCode.Combine((int)r.Direction, r.FromPort, r.ToPort, r.Protocol, r.Source);
}
