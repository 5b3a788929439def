using System.Runtime.CompilerServices;
using System.Globalization;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy;

/// <summary>
/// Turns security groups into <see cref="Finding"/>s: every enabled built-in policy is judged on every atomic rule,
/// then waivers (policy file) and skips (CloudFormation metadata) are applied. The same engine judges a plan or
/// template (gate) and a live rule (drift, through <see cref="EvaluateRule"/>).
/// </summary>
/// <param name="config">The policy file in force (<see cref="PolicyConfig.Default"/> when there is none).</param>
/// <param name="today">The date waivers are judged against (UTC today in the CLI; fixed in tests).</param>
public sealed class PolicyEngine(PolicyConfig config, DateOnly today)
{
    private readonly IRulePolicy[] _enabled = [.. PolicyCatalog.Policies.Where(p => config.IsEnabled(p.Info.Id))];
    private readonly PolicyContext _context = new(config,
        [.. PolicyCatalog.Policies.OfType<IWorldExposurePolicy>().Where(p => config.IsEnabled(p.Info.Id))]);

    /// <summary>
    /// Skips written beside resources (CloudFormation <c>Metadata: driftguard: skip</c>), keyed by resource key:
    /// a CloudFormation logical id or Terraform address, matched exactly against the finding's resource and its
    /// group's key. A skip waives its policy on that resource with no expiry.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PolicySkip>> Skips { get; init; } =
        new Dictionary<string, IReadOnlyList<PolicySkip>>();

    /// <summary>
    /// Evaluates every rule of every group. A rule written twice is judged once (EC2 stores it once).
    /// </summary>
    /// <returns>Findings (waived ones included) sorted by file, line and policy id; warnings for expired waivers.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call judging every rule of a large plan
    public PolicyEvaluation Evaluate(IEnumerable<SecurityGroup> groups)
    {
        var findings = new List<Finding>();
        var warnings = new List<Diagnostic>();
        var warned = new HashSet<(Waiver, string)>();
        var groupList = groups.ToList();
        var seen = new HashSet<SgRule>();
        foreach (var group in groupList)
        {
            // each distinct rule once, in first-seen order (what Distinct() yields), without an iterator per rule
            seen.Clear();
            var rules = group.Rules;
            for (var i = 0; i < rules.Count; i++)
                if (seen.Add(rules[i])) Judge(rules[i], group, findings, warnings, warned);
        }

        warnings.AddRange(UnknownSkipWarnings(groupList));
        findings.Sort(CompareFindings);
        return new PolicyEvaluation(findings, warnings);
    }

    /// <summary>Findings for one rule of <paramref name="group"/> (drift stage), waivers and skips applied.</summary>
    public IReadOnlyList<Finding> EvaluateRule(SgRule rule, SecurityGroup group)
    {
        var findings = new List<Finding>();
        Judge(rule, group, findings, [], []);
        findings.Sort(CompareFindings);
        return findings;
    }

    private void Judge(SgRule rule, SecurityGroup group, List<Finding> into, List<Diagnostic> warnings, HashSet<(Waiver, string)> warned)
    {
        foreach (var policy in _enabled)
        {
            if (policy.Check(rule, group, _context) is not { } message) continue;
            var info = policy.Info;
            var finding = new Finding(info.Id, config.SeverityOf(info), info.Title, info.Controls, group, rule) { Message = message };
            into.Add(ApplyExceptions(finding, warnings, warned));
        }
    }

    private Finding ApplyExceptions(Finding finding, List<Diagnostic> warnings, HashSet<(Waiver, string)> warned)
    {
        var skip = ResourceKeys(finding)
            .SelectMany(k => Skips.TryGetValue(k, out var s) ? s : [])
            .FirstOrDefault(s => s.PolicyId == finding.PolicyId);
        if (skip is not null) return finding with { Waived = true, WaiverReason = skip.Reason };

        Waiver? expired = null;
        foreach (var waiver in config.Waivers)
        {
            if (!Matches(waiver, finding)) continue;
            if (waiver.IsActiveOn(today)) return finding with { Waived = true, WaiverReason = waiver.Display };
            expired ??= waiver;
        }
        if (expired is null) return finding;

        if (warned.Add((expired, finding.Resource)))
            warnings.Add(new Diagnostic(expired.File, expired.Line,
                $"waiver for {expired.PolicyId} on {finding.Resource} expired on {expired.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")
            { Resource = finding.Resource });
        return finding with { WaiverExpired = true, WaiverReason = expired.Display };
    }

    private static bool Matches(Waiver waiver, Finding finding)
    {
        if (waiver.PolicyId != finding.PolicyId) return false;
        if (waiver.Source is not null && finding.Rule?.Source.Canonical != waiver.Source) return false;
        return ResourceKeys(finding).Any(k => Glob.IsMatch(waiver.Resource, k));
    }

    /// <summary>Every name a user may write for the finding's resource: its address or logical id, the group's key, sg- id and the rule's sgr- id.</summary>
    private static IEnumerable<string> ResourceKeys(Finding finding)
    {
        yield return finding.Resource;
        yield return finding.Group.Key;
        if (finding.Group.Origin?.Resource is { } groupResource) yield return groupResource;
        if (finding.Group.GroupId is { } groupId) yield return groupId;
        if (finding.Rule?.RuleId is { } ruleId) yield return ruleId;
    }

    private IEnumerable<Diagnostic> UnknownSkipWarnings(List<SecurityGroup> groups)
    {
        foreach (var (resource, skips) in Skips.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var skip in skips.Where(s => PolicyCatalog.Find(s.PolicyId) is null))
            {
                var origin = groups.Select(g => g.Origin).FirstOrDefault(o => o?.Resource == resource)
                             ?? groups.SelectMany(g => g.Rules).Select(r => r.Origin).FirstOrDefault(o => o?.Resource == resource);
                yield return new Diagnostic(origin?.File ?? "", origin?.Line ?? 0,
                    $"skip for unknown policy id '{skip.PolicyId}' on {resource} ignored") { Resource = resource };
            }
        }
    }

    private static int CompareFindings(Finding a, Finding b)
    {
        var c = string.CompareOrdinal(a.File ?? "", b.File ?? "");
        if (c == 0) c = a.Line.CompareTo(b.Line);
        if (c == 0) c = string.CompareOrdinal(a.PolicyId, b.PolicyId);
        if (c == 0) c = string.CompareOrdinal(a.Resource, b.Resource);
        if (c == 0) c = string.CompareOrdinal(a.Rule?.ToString() ?? "", b.Rule?.ToString() ?? "");
        if (c == 0) c = string.CompareOrdinal(a.Group.Key, b.Group.Key);
        if (c == 0) c = string.CompareOrdinal(a.Rule?.Description ?? "", b.Rule?.Description ?? "");
        return c;
    }
}
