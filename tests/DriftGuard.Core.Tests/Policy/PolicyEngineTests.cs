using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class PolicyEngineTests
{
    [Fact]
    public void Evaluate_WhenSshOpenToWorld_ShouldReportEachMatchingPolicyOnce()
    {
        // Given SSH from 0.0.0.0/0
        var group = Sg("fail_cidr_22", Tcp(22, "0.0.0.0/0"));

        // When
        var ids = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings.Select(f => f.PolicyId);

        // Then each policy is its own result: SSH, high-risk port, unauthorized port
        ids.ShouldBe(["DG-SG-001", "DG-SG-003", "DG-SG-004"]);
    }

    [Fact]
    public void Evaluate_WhenPolicyDisabled_ShouldNotReportIt()
    {
        // Given DG-SG-004 disabled
        var config = PolicyConfig.Default with { Policies = new Dictionary<string, PolicyOverride> { ["DG-SG-004"] = new(Enabled: false) } };

        // When
        var ids = new PolicyEngine(config, Today).Evaluate([Sg("fail_cidr_22", Tcp(22, "0.0.0.0/0"))]).Findings.Select(f => f.PolicyId);

        // Then
        ids.ShouldBe(["DG-SG-001", "DG-SG-003"]);
    }

    [Fact]
    public void Evaluate_WhenSeverityOverridden_ShouldReportTheOverride()
    {
        // Given DG-SG-003 lowered to medium
        var config = PolicyConfig.Default with { Policies = new Dictionary<string, PolicyOverride> { ["DG-SG-003"] = new(Severity: Severity.Medium) } };

        // When
        var finding = new PolicyEngine(config, Today).Evaluate([Sg("fail_mysql", Tcp(3306, "0.0.0.0/0"))]).Findings.Single(f => f.PolicyId == "DG-SG-003");

        // Then it no longer fails a high threshold
        finding.Severity.ShouldBe(Severity.Medium);
        finding.Fails(Severity.High).ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_WhenGroupsInSeveralFiles_ShouldSortByFileLineAndPolicy()
    {
        // Given rules in two files, the later file first
        var b = Sg("b", Tcp(22, "0.0.0.0/0"));
        b = b with { Rules = [.. b.Rules.Select(r => r with { Origin = new SourceLocation("z.tf", 3, "b") })] };
        var a = Sg("a", Tcp(3306, "0.0.0.0/0"), Tcp(22, "0.0.0.0/0"));
        a = a with { Rules = [a.Rules[0] with { Origin = new SourceLocation("a.tf", 9, "a") }, a.Rules[1] with { Origin = new SourceLocation("a.tf", 2, "a") }] };

        // When
        var order = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([b, a]).Findings.Select(f => $"{f.File}:{f.Line} {f.PolicyId}");

        // Then
        order.ShouldBe([
            "a.tf:2 DG-SG-001", "a.tf:2 DG-SG-003", "a.tf:2 DG-SG-004",
            "a.tf:9 DG-SG-003", "a.tf:9 DG-SG-004",
            "z.tf:3 DG-SG-001", "z.tf:3 DG-SG-003", "z.tf:3 DG-SG-004",
        ]);
    }

    [Fact]
    public void Evaluate_WhenRuleWrittenTwice_ShouldReportItOnce()
    {
        // Given the same atomic rule twice (EC2 stores it once)
        var group = Sg("fail_cidr_22", Tcp(22, "0.0.0.0/0"));
        group = group with { Rules = [group.Rules[0], group.Rules[0]] };

        // When
        var findings = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings;

        // Then
        findings.Count(f => f.PolicyId == "DG-SG-001").ShouldBe(1);
    }

    [Fact]
    public void EvaluateRule_WhenLiveRuleIsWorldOpenSsh_ShouldReturnSortedFindingsWithWaiversApplied()
    {
        // Given a live rule (no origin) on a live group, and a waiver for DG-SG-004 on that group id
        var group = new SecurityGroup("sg-0live") { GroupId = "sg-0live", ResourceType = "live" };
        var rule = new SgRule("sg-0live", Direction.Ingress, Protocols.Tcp, 22, 22, Cidr.Parse("0.0.0.0/0")) { RuleId = "sgr-1" };
        var config = PolicyConfig.Default with { Waivers = [new Waiver("DG-SG-004", "sg-0live", null, "accepted", null, new DateOnly(2030, 1, 1))] };

        // When
        var findings = new PolicyEngine(config, Today).EvaluateRule(rule, group);

        // Then
        findings.Select(f => (f.PolicyId, f.Waived, f.Resource)).ShouldBe([
            ("DG-SG-001", false, "sg-0live"), ("DG-SG-003", false, "sg-0live"), ("DG-SG-004", true, "sg-0live")]);
    }
}
