using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>Options of <see cref="DriftAnalyzer.Analyze"/>.</summary>
public sealed record DriftOptions
{
    /// <summary>CloudFormation stack name (<c>--stack</c>): maps template groups to live groups tagged <c>aws:cloudformation:stack-name</c>.</summary>
    public string? StackName { get; init; }

    /// <summary>CloudFormation logical id → physical id (<c>--stack-resources</c>, see <see cref="StackResourcesParser"/>). Wins over tags.</summary>
    public IReadOnlyDictionary<string, string> StackResources { get; init; } = new Dictionary<string, string>();

    /// <summary>VPCs whose unmanaged groups are reported. Empty: the VPCs holding declared groups (unless <see cref="AllVpcs"/>).</summary>
    public IReadOnlyList<string> VpcIds { get; init; } = [];

    /// <summary>Report unmanaged groups in every VPC read.</summary>
    public bool AllVpcs { get; init; }

    /// <summary>The policy engine's <c>EvaluateRule(rule, group)</c>; null means no findings (severity from the kind alone).</summary>
    public Func<SgRule, SecurityGroup, IReadOnlyList<Finding>>? EvaluateRule { get; init; }

    /// <summary><c>.driftguardignore</c> patterns; matching drifts are dropped and counted.</summary>
    public DriftIgnore Ignore { get; init; } = DriftIgnore.Empty;

    /// <summary>Baseline of accepted drifts; matching drifts are kept and marked <see cref="DriftItem.Accepted"/>.</summary>
    public Baseline Baseline { get; init; } = Baseline.Empty;

    /// <summary>
    /// False when the live reader could not read everything (<c>LiveSnapshot.Complete</c>): a declared group that is not
    /// found may sit in the unread part, so it becomes a warning instead of a <c>missing-group</c> drift.
    /// </summary>
    public bool LiveComplete { get; init; } = true;

    /// <summary>Account used in fingerprints when a live group carries no <c>OwnerId</c>.</summary>
    public string? Account { get; init; }

    /// <summary>Region used in fingerprints when a live group carries none (e.g. <c>--live-file</c>).</summary>
    public string? Region { get; init; }
}
