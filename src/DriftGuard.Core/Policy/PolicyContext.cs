using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy;

/// <summary>What policies may read besides the rule: the policy file's settings and the enabled world policies.</summary>
internal sealed class PolicyContext(PolicyConfig config, IReadOnlyList<IWorldExposurePolicy> enabledWorldPolicies)
{
    /// <summary>The policy file in force.</summary>
    public PolicyConfig Config { get; } = config;

    /// <summary>World-exposure policies that are enabled, in id order.</summary>
    public IReadOnlyList<IWorldExposurePolicy> EnabledWorldPolicies { get; } = enabledWorldPolicies;

    /// <summary>True for an ingress rule whose peer is <c>0.0.0.0/0</c> or <c>::/0</c>.</summary>
    public static bool IsWorldIngress(SgRule rule) => rule.Direction == Direction.Ingress && rule.IsFromWorld;

    /// <summary>Text of a rule for messages: <c>ingress tcp/22 from 0.0.0.0/0</c>.</summary>
    public static string Describe(SgRule rule) =>
        $"{rule.Direction.ToString().ToLowerInvariant()} {rule.PortText} {(rule.Direction == Direction.Ingress ? "from" : "to")} {rule.Source}";
}
