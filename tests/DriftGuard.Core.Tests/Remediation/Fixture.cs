using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Remediation;
using static DriftGuard.Core.Tests.Drift.Declare;

namespace DriftGuard.Core.Tests.Remediation;

/// <summary>Declared/live pairs analysed the way <c>check</c> does, with a DG-SG-001-like rule: SSH from the world is high.</summary>
internal static class Fixture
{
    public const string Vpc = "vpc-1";
    public const string App = "aws_security_group.app";

    /// <summary>A declared Terraform group keyed by <see cref="App"/> (or <paramref name="address"/>) with id <paramref name="id"/>.</summary>
    public static SecurityGroup DeclaredSg(string id, params SgRule[] rules) => DeclaredSg(App, id, rules);

    public static SecurityGroup DeclaredSg(string address, string id, params SgRule[] rules) =>
        Tf(address, id, address, Vpc, [.. rules.Select(r => new[] { r with { Group = address, Origin = new SourceLocation("main.tfstate", 1, address) } })]);

    /// <summary>A live group whose rules carry <c>sgr-</c> ids; like EC2, it holds each rule once.</summary>
    public static SecurityGroup LiveGroup(string id, params SgRule[] rules) =>
        LiveSg(id, Vpc, [.. rules.DistinctBy(r => r.Key).Select((r, i) => r with { Group = id, RuleId = r.RuleId ?? $"sgr-{id[3..]}{i:D3}" })]);

    public static DriftResult Analyze(IReadOnlyList<SecurityGroup> declared, IReadOnlyList<SecurityGroup> live, DriftIgnore? ignore = null) =>
        new DriftAnalyzer().Analyze(declared, live, new DriftOptions { EvaluateRule = SshFromWorld, Ignore = ignore ?? DriftIgnore.Empty });

    public static RemediationPlan Plan(IReadOnlyList<SecurityGroup> declared, IReadOnlyList<SecurityGroup> live,
                                       RemediationScope scope = RemediationScope.Noncompliant, int maxChanges = 50, DriftIgnore? ignore = null,
                                       IReadOnlyList<Diagnostic>? inputErrors = null) =>
        RemediationPlanner.Plan(new RemediationRequest(Analyze(declared, live, ignore), declared, live)
        {
            Scope = scope, MaxChanges = maxChanges, Ignore = ignore ?? DriftIgnore.Empty, InputErrors = inputErrors ?? [],
        });

    public static string[] Steps(RemediationPlan plan) => [.. plan.Groups.SelectMany(g => g.Steps.Select(s => $"{g.GroupId} {s}"))];

    /// <summary>High when the rule lets the world reach port 22, like DG-SG-001.</summary>
    public static IReadOnlyList<Finding> SshFromWorld(SgRule rule, SecurityGroup group) =>
        rule.Direction == Direction.Ingress && rule.IsFromWorld && rule.CoversPort(22)
            ? [new Finding("DG-SG-001", Severity.High, "No SSH from the internet", [], group, rule)]
            : [];
}
