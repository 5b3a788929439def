using DriftGuard.Core.Model;

namespace DriftGuard.Core.Remediation;

/// <summary>What one remediation step does to one atomic rule.</summary>
public enum RemediationActionKind
{
    /// <summary>Add a declared rule that is missing (<c>AuthorizeSecurityGroupIngress/Egress</c>).</summary>
    Authorize,
    /// <summary>Remove an unmanaged rule by its <c>sgr-</c> id (<c>RevokeSecurityGroupIngress/Egress</c>).</summary>
    Revoke,
    /// <summary>Set a rule's description to the declared one (<c>UpdateSecurityGroupRuleDescriptionsIngress/Egress</c>).</summary>
    UpdateDescription,
}

/// <summary>Wire names of remediation actions, e.g. <c>authorize-ingress</c>, <c>revoke-egress</c>, <c>update-description-ingress</c>.</summary>
public static class RemediationActionNames
{
    /// <summary>The kind alone: <c>authorize</c>, <c>revoke</c>, <c>update-description</c>.</summary>
    public static string Name(this RemediationActionKind kind) => kind switch
    {
        RemediationActionKind.Authorize => "authorize",
        RemediationActionKind.Revoke => "revoke",
        _ => "update-description",
    };

    /// <summary>Kind and direction: <c>authorize-ingress</c>.</summary>
    public static string Name(this RemediationActionKind kind, Direction direction) =>
        $"{kind.Name()}-{direction.ToString().ToLowerInvariant()}";
}
