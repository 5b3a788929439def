using System.Globalization;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Remediation;

/// <summary>
/// Turns a drift result into a <see cref="RemediationPlan"/> (pure, no I/O): which atomic rules to authorize, revoke
/// or re-describe in which managed group, and why every other drift is left alone.
/// </summary>
/// <remarks>
/// <para>Never planned: drifts of groups the IaC does not declare (<c>unmanaged-group</c> and its rules), groups tagged
/// <c>driftguard:ignore=true</c> (live or declared), drifts matched by <c>.driftguardignore</c>, drifts a baseline
/// accepts, <c>missing-group</c> (groups are not recreated), declared rules with a value known only after apply or a
/// group reference that is not an <c>sg-</c> id (never authorized), and unmanaged rules without an <c>sgr-</c> id
/// (revoke is by rule id only).</para>
/// <para>Safety rails (<see cref="RemediationPlan.Blocked"/>): a declared input that failed to read; a declared state
/// that is empty (no groups, or no rules) for an account/region holding live groups (<see cref="EmptyDeclaredState"/>); declared groups none of which was
/// found live (<see cref="NothingFoundLive"/>); more changes than
/// <see cref="RemediationRequest.MaxChanges"/>.</para>
/// <para>Order inside a group: authorize, then revoke, then description updates; each by direction, ingress first.
/// Authorize requests are deduplicated by <see cref="RuleKey"/> because EC2 fails a whole call that repeats a
/// permission (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html).</para>
/// </remarks>
public static class RemediationPlanner
{
    /// <summary>The tag that keeps DriftGuard's hands off a group: <c>driftguard:ignore</c> = <c>true</c>.</summary>
    public const string IgnoreTag = "driftguard:ignore";

    /// <summary>Plans the remediation of <paramref name="request"/>.</summary>
    public static RemediationPlan Plan(RemediationRequest request)
    {
        var drift = request.Drift;
        var managed = drift.Mapping.Values.ToHashSet(StringComparer.Ordinal);
        var liveById = new Dictionary<string, SecurityGroup>(StringComparer.Ordinal);
        foreach (var g in request.Live) liveById.TryAdd(g.GroupId ?? g.Key, g);
        var declaredByLive = drift.Mapping
            .GroupBy(kv => kv.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var declaredByKey = request.Declared.GroupBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var skipped = new List<SkippedDrift>();
        var chosen = new List<(DriftItem Drift, RemediationStep Step)>();
        var pendingMissing = new List<DriftItem>();
        var threshold = request.Threshold.Name();

        foreach (var d in drift.Drifts)
        {
            var reason = GroupReason(d);
            if (reason is not null) { skipped.Add(new SkippedDrift(d, reason)); continue; }
            switch (request.Scope, d.Kind)
            {
                case (RemediationScope.None, _):
                    skipped.Add(new SkippedDrift(d, "remediation scope is none"));
                    break;
                case (RemediationScope.Noncompliant, DriftKind.Unmanaged) when !IsNoncompliant(d, request.Threshold):
                    skipped.Add(new SkippedDrift(d, $"no finding at or above --fail-on {threshold} (use --remediate all)"));
                    break;
                case (RemediationScope.Noncompliant, DriftKind.Missing):
                    pendingMissing.Add(d); // restored only when it pairs with a revoked noncompliant rule (second pass)
                    break;
                case (RemediationScope.Noncompliant, DriftKind.Changed):
                    skipped.Add(new SkippedDrift(d, "description only (use --remediate all)"));
                    break;
                default:
                    AddStep(d);
                    break;
            }
        }

        // A declared rule replaced by the noncompliant one (same direction, protocol and ports) is restored with it.
        var revoked = chosen.Where(c => c.Step.Action == RemediationActionKind.Revoke).Select(c => c.Step.Rule).ToList();
        foreach (var d in pendingMissing)
        {
            if (revoked.Any(r => Replaces(r, d.Rule!))) AddStep(d, " (replaced by the revoked noncompliant rule)");
            else skipped.Add(new SkippedDrift(d, "missing rule opens nothing; not noncompliant (use --remediate all)"));
        }

        var groups = chosen
            .GroupBy(c => c.Drift.GroupId!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ToGroup(g.Key, g.ToList(), declaredByLive))
            .ToList();
        var plan = new RemediationPlan(request.Scope, groups, skipped);
        return plan with { Blocked = Rails(request, plan) };

        string? GroupReason(DriftItem d)
        {
            if (d.Kind == DriftKind.MissingGroup)
                return "the group is gone; groups are never recreated (run terraform apply or update the stack)";
            if (d.Kind == DriftKind.UnmanagedGroup || d.GroupId is null || !managed.Contains(d.GroupId))
                return "no IaC declares this group; unmanaged groups are never touched";
            if (IsTaggedIgnore(d.GroupId, liveById, declaredByLive, declaredByKey)) return $"group tagged {IgnoreTag}=true";
            if (request.Ignore.IsIgnored(d)) return "matched by .driftguardignore";
            if (d.Accepted) return "accepted by the baseline";
            return null;
        }

        void AddStep(DriftItem d, string note = "")
        {
            var rule = d.Rule!;
            switch (d.Kind)
            {
                case DriftKind.Missing when !IsConcrete(rule):
                    skipped.Add(new SkippedDrift(d, "declared value known only after apply or not an sg- id; never authorized"));
                    return;
                case DriftKind.Missing:
                    var description = rule.Description is { } text && text.Contains("${", StringComparison.Ordinal) ? null : rule.Description;
                    var declared = rule with { Description = string.IsNullOrEmpty(description) ? null : description };
                    if (chosen.Any(c => c.Step.Action == RemediationActionKind.Authorize && c.Step.Rule.Key == declared.Key)) return;
                    chosen.Add((d, new RemediationStep(RemediationActionKind.Authorize, declared, "missing" + note)));
                    return;
                case DriftKind.Unmanaged when rule.RuleId is null:
                case DriftKind.Changed when rule.RuleId is null:
                    skipped.Add(new SkippedDrift(d, "no security group rule id (DescribeSecurityGroupRules not read); revoke and update go by rule id"));
                    return;
                case DriftKind.Unmanaged:
                    var policies = d.Findings.Where(f => f.Fails(request.Threshold)).Select(f => f.PolicyId).Distinct().ToList();
                    chosen.Add((d, new RemediationStep(RemediationActionKind.Revoke, rule,
                        policies.Count == 0 ? "unmanaged" : $"unmanaged, {string.Join(", ", policies)}")));
                    return;
                case DriftKind.Changed:
                    chosen.Add((d, new RemediationStep(RemediationActionKind.UpdateDescription,
                        rule with { Description = d.DeclaredDescription }, "changed description")));
                    return;
            }
        }
    }

    /// <summary>True when an unwaived finding of <paramref name="d"/> is at or above <paramref name="threshold"/>.</summary>
    public static bool IsNoncompliant(DriftItem d, Severity threshold) => d.Findings.Any(f => f.Fails(threshold));

    /// <summary>True when EC2 can be sent the rule: every value known, the peer a CIDR, a prefix list or an <c>sg-</c> id.</summary>
    public static bool IsConcrete(SgRule rule) => !rule.PortsUnknown && rule.Source switch
    {
        Cidr or PrefixList => true,
        GroupRef g => g.GroupId.StartsWith("sg-", StringComparison.Ordinal),
        _ => false,
    };

    private static bool Replaces(SgRule revoked, SgRule missing) =>
        revoked.Group == missing.Group && revoked.Direction == missing.Direction && revoked.Protocol == missing.Protocol &&
        revoked.FromPort == missing.FromPort && revoked.ToPort == missing.ToPort;

    private static GroupRemediation ToGroup(string groupId, List<(DriftItem Drift, RemediationStep Step)> items,
                                            Dictionary<string, HashSet<string>> declaredByLive)
    {
        var steps = items.Select(i => i.Step)
            .OrderBy(s => s.Action)
            .ThenBy(s => s.Direction)
            .ToList(); // OrderBy is stable: drift order (already sorted by rule) is kept inside each kind and direction
        var first = items[0].Drift;
        return new GroupRemediation(groupId, steps)
        {
            // The group's own address: a missing rule's drift names the standalone rule resource that declares it
            // (aws_vpc_security_group_ingress_rule.x), which is not the group being changed.
            Resource = declaredByLive.TryGetValue(groupId, out var keys) && keys.Count > 0
                ? string.Join(", ", keys.Order(StringComparer.Ordinal))
                : items.Select(i => i.Drift.Resource).FirstOrDefault(r => r is not null),
            Region = first.Region,
            Account = first.Account,
        };
    }

    private static bool IsTaggedIgnore(string groupId, Dictionary<string, SecurityGroup> liveById,
                                       Dictionary<string, HashSet<string>> declaredByLive, Dictionary<string, List<SecurityGroup>> declaredByKey)
    {
        if (liveById.TryGetValue(groupId, out var live) && HasIgnoreTag(live)) return true;
        if (!declaredByLive.TryGetValue(groupId, out var keys)) return false;
        return keys.Any(k => declaredByKey.TryGetValue(k, out var list) && list.Any(HasIgnoreTag));
    }

    private static bool HasIgnoreTag(SecurityGroup g) =>
        g.Tags.TryGetValue(IgnoreTag, out var v) && string.Equals(v.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static List<string> Rails(RemediationRequest request, RemediationPlan plan)
    {
        var blocked = new List<string>();
        if (request.InputErrors.Count > 0)
            blocked.Add($"{request.InputErrors.Count} declared input error(s): never acting on a declared state that failed to read");

        // Nothing declared found live: a wrong account, region or endpoint; acting would be acting on the wrong target.
        if (NothingFoundLive.Alert(request.Declared, request.Drift, "") is { } nothingLive)
            blocked.Add(nothingLive.Message);

        // An empty declared state (a wrong workspace, a truncated state) would turn every live rule into drift.
        blocked.AddRange(EmptyDeclaredState.Refusals(request.Declared, request.Drift, request.Live, [.. plan.Groups.Select(g => g.GroupId)]));

        if (plan.ChangeCount > request.MaxChanges)
            blocked.Add(string.Create(CultureInfo.InvariantCulture,
                $"{plan.ChangeCount} changes exceed --max-changes {request.MaxChanges}: nothing is applied (review the plan, then raise --max-changes)"));
        return blocked;
    }
}
