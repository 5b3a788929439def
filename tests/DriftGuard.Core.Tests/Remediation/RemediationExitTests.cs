using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Remediation;
using static DriftGuard.Core.Tests.Drift.Declare;

namespace DriftGuard.Core.Tests.Remediation;

public class RemediationExitTests
{
    private static readonly GroupRemediation OneRevoke =
        new("sg-1", [new RemediationStep(RemediationActionKind.Revoke, Tcp("sg-1", 22, "0.0.0.0/0") with { RuleId = "sgr-1" }, "unmanaged")]);

    private static RemediationRun Run(GroupStatus status) => new("arn", [new GroupOutcome("sg-1", status)], []);

    [Fact]
    public void Compute_WhenPlanHasChangesAndIsNotApplied_ShouldBeOne()
    {
        // Given
        var report = new RemediationReport(new RemediationPlan(RemediationScope.All, [OneRevoke], []), null);
        // When / Then
        report.ExitCode.ShouldBe(ExitCodes.Findings);
    }

    [Fact]
    public void Compute_WhenEveryGroupIsVerified_ShouldBeZero()
    {
        // Given
        var report = new RemediationReport(new RemediationPlan(RemediationScope.All, [OneRevoke], []), Run(GroupStatus.Verified)) { Apply = true };
        // When / Then
        report.ExitCode.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public void Compute_WhenACallFailed_ShouldBeThreeEvenThoughDriftRemains()
    {
        // Given
        var report = new RemediationReport(new RemediationPlan(RemediationScope.All, [OneRevoke], []), Run(GroupStatus.Failed)) { Apply = true };
        // When / Then
        report.ExitCode.ShouldBe(ExitCodes.Incomplete);
    }

    [Fact]
    public void Compute_WhenAGroupDidNotVerify_ShouldBeOne()
    {
        // Given
        var report = new RemediationReport(new RemediationPlan(RemediationScope.All, [OneRevoke], []), Run(GroupStatus.Differs)) { Apply = true };
        // When / Then
        report.ExitCode.ShouldBe(ExitCodes.Findings);
    }

    [Fact]
    public void Compute_WhenScopeLeftDriftAtFailOn_ShouldBeOne()
    {
        // Given: an undeclared group's critical rule is out of reach
        var stray = new DriftItem(DriftKind.Unmanaged, "sg-9", Tcp("sg-9", 22, "0.0.0.0/0")) { Severity = Severity.Critical };
        var plan = new RemediationPlan(RemediationScope.All, [OneRevoke], [new SkippedDrift(stray, "never touched")]);
        var report = new RemediationReport(plan, Run(GroupStatus.Verified)) { Apply = true };
        // When / Then
        report.ExitCode.ShouldBe(ExitCodes.Findings);
    }

    [Fact]
    public void Compute_WhenThePlanIsBlockedWithNothingToChange_ShouldBeOneNeverZero()
    {
        // Given: live groups beside an empty declaration (--vpc given, so no alert): the rail refuses, no step is planned
        var plan = new RemediationPlan(RemediationScope.All, [], [])
        {
            Blocked = ["the declared state for 123456789012/us-east-1 is empty while 2 live group(s) exist: never acting on it"],
        };
        var report = new RemediationReport(plan, null) { Apply = true };
        // When / Then
        report.ExitCode.ShouldBe(ExitCodes.Findings);
    }

    [Fact]
    public void Compute_WhenThePlanIsBlockedBecauseNothingWasCompared_ShouldBeThree()
    {
        // Given: the inputs declare no group; check's alert says nothing was compared
        var plan = new RemediationPlan(RemediationScope.All, [], []) { Blocked = ["the declared state for the live account is empty while 2 live group(s) exist: never acting on it"] };
        var report = new RemediationReport(plan, null)
        {
            Apply = true, Alerts = [new Diagnostic("empty.tfstate", 0, "the declared inputs hold no security group")],
        };
        // When / Then
        report.ExitCode.ShouldBe(ExitCodes.Incomplete);
    }
}
