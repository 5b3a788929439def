using DriftGuard.Core.Model;

namespace DriftGuard.Core.Remediation;

/// <summary>
/// Compares planned steps with a fresh read of the group (pure): what still differs, re-targeted at the rule ids the
/// group holds now. Used both to retry a batch EC2 refused as a whole and to verify after acting.
/// </summary>
public static class RemediationVerifier
{
    /// <summary>
    /// The steps of <paramref name="steps"/> whose effect is not yet live in <paramref name="group"/>: an authorize whose
    /// rule is absent; a revoke whose rule (by identity, not id) is still there, with that rule's current id; a description
    /// update whose rule has another description, with the current id (dropped when the rule is gone: a revoke or the
    /// next check reports that). A rule already as declared counts as done.
    /// </summary>
    /// <param name="steps">Steps of one group.</param>
    /// <param name="group">The group as just read (canonical live rules with <c>sgr-</c> ids).</param>
    public static IReadOnlyList<RemediationStep> Pending(IEnumerable<RemediationStep> steps, SecurityGroup group)
    {
        var live = new Dictionary<RuleKey, SgRule>();
        foreach (var r in group.Rules) live.TryAdd(r.Key, r);
        var pending = new List<RemediationStep>();
        foreach (var step in steps)
        {
            var found = live.GetValueOrDefault(step.Rule.Key);
            switch (step.Action)
            {
                case RemediationActionKind.Authorize when found is null:
                    pending.Add(step);
                    break;
                case RemediationActionKind.Revoke when found is not null:
                    pending.Add(found.RuleId == step.Rule.RuleId ? step : step with { Rule = step.Rule with { RuleId = found.RuleId } });
                    break;
                case RemediationActionKind.UpdateDescription when found is not null && Norm(found.Description) != Norm(step.Rule.Description):
                    pending.Add(found.RuleId == step.Rule.RuleId ? step : step with { Rule = step.Rule with { RuleId = found.RuleId } });
                    break;
            }
        }
        return pending;
    }

    /// <summary>One line per step still pending in <paramref name="group"/>, e.g. <c>revoke-ingress ingress:tcp:22:0.0.0.0/0: still live</c>.</summary>
    public static IReadOnlyList<string> Differences(IEnumerable<RemediationStep> steps, SecurityGroup group) =>
        [.. Pending(steps, group).Select(s => s.Action switch
        {
            RemediationActionKind.Authorize => $"{s}: not live",
            RemediationActionKind.Revoke => $"{s}: still live",
            _ => $"{s}: description differs",
        })];

    private static string? Norm(string? description) => string.IsNullOrEmpty(description) ? null : description;
}
