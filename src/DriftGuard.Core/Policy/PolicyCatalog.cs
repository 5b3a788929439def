using DriftGuard.Core.Policy.Rules;

namespace DriftGuard.Core.Policy;

/// <summary>The built-in policy catalogue (v1), in id order.</summary>
public static class PolicyCatalog
{
    /// <summary>Every built-in policy; adding one here is the only registration step.</summary>
    internal static IReadOnlyList<IRulePolicy> Policies { get; } =
    [
        new NoSshOrRdpFromInternet(),
        new NoAllTrafficFromInternet(),
        new NoHighRiskPortsFromInternet(),
        new OnlyAuthorizedPortsFromInternet(),
        new DefaultGroupHasNoRules(),
        new UnresolvedPeerMayBeInternet(),
        new NoForbiddenCidrs(),
    ];

    /// <summary>Metadata of every built-in policy, in id order (for <c>driftguard policies</c>, SARIF rules and reports).</summary>
    public static IReadOnlyList<PolicyInfo> All { get; } = [.. Policies.Select(p => p.Info)];

    /// <summary>Metadata by id (ordinal, exact case), or null.</summary>
    public static PolicyInfo? Find(string id) => All.FirstOrDefault(p => p.Id == id);
}
