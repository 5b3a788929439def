using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy;

/// <summary>
/// One built-in policy, judged on one atomic rule at a time so that a harmless rule beside a bad one
/// (a prefix list, a self reference) can never hide it.
/// </summary>
internal interface IRulePolicy
{
    /// <summary>The policy's metadata.</summary>
    PolicyInfo Info { get; }

    /// <summary>Returns why <paramref name="rule"/> fails, one sentence, or null when it passes.</summary>
    string? Check(SgRule rule, SecurityGroup group, PolicyContext context);
}

/// <summary>
/// A policy about ingress reachable from the internet. DG-SG-006 asks these policies what they would say
/// if a peer that is unknown until apply turned out to be <c>0.0.0.0/0</c> or <c>::/0</c>.
/// </summary>
internal interface IWorldExposurePolicy : IRulePolicy;
