using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Remediation;
using static DriftGuard.Core.Tests.Drift.Declare;
using static DriftGuard.Core.Tests.Remediation.Fixture;

namespace DriftGuard.Core.Tests.Remediation;

public class RemediationPlannerTests
{
    [Fact]
    public void Plan_WhenSshToWorldIsUnmanaged_ShouldRevokeItByRuleId()
    {
        // Given
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"), Tcp("x", 22, "0.0.0.0/0"));
        // When
        var plan = Plan([declared], [live]);
        // Then
        Steps(plan).ShouldBe(["sg-1 revoke-ingress ingress:tcp:22:0.0.0.0/0"]);
        plan.Groups[0].Steps[0].Rule.RuleId.ShouldBe("sgr-1001");
        plan.Groups[0].Steps[0].Reason.ShouldContain("DG-SG-001");
        plan.CanApply.ShouldBeTrue();
    }

    [Fact]
    public void Plan_WhenNoncompliantRuleReplacedDeclaredRule_ShouldAuthorizeDeclaredBeforeRevoking()
    {
        // Given: someone widened SSH from the office to the world
        var declared = DeclaredSg("sg-1", Tcp("x", 22, "203.0.113.0/24", desc: "office"));
        var live = LiveGroup("sg-1", Tcp("x", 22, "0.0.0.0/0"));
        // When
        var plan = Plan([declared], [live]);
        // Then
        Steps(plan).ShouldBe(["sg-1 authorize-ingress ingress:tcp:22:203.0.113.0/24", "sg-1 revoke-ingress ingress:tcp:22:0.0.0.0/0"]);
        plan.Groups[0].Steps[0].Rule.Description.ShouldBe("office");
    }

    [Fact]
    public void Plan_WhenUnmanagedRuleHasNoFindingAtFailOn_ShouldLeaveItAloneInNoncompliantScope()
    {
        // Given
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"), Tcp("x", 8080, "10.1.0.0/16"));
        // When
        var plan = Plan([declared], [live]);
        // Then
        plan.ChangeCount.ShouldBe(0);
        plan.Skipped.ShouldHaveSingleItem().Reason.ShouldContain("--remediate all");
    }

    [Fact]
    public void Plan_WhenScopeAll_ShouldAuthorizeMissingThenRevokeUnmanagedThenUpdateDescriptions()
    {
        // Given
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8", desc: "https"), Tcp("x", 5432, "10.2.0.0/16"),
                                Tcp("x", 443, "0.0.0.0/0", Direction.Egress));
        var live = LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8", desc: "edited"), Tcp("x", 8080, "10.1.0.0/16"), All("x", "0.0.0.0/0", Direction.Egress));
        // When
        var plan = Plan([declared], [live], RemediationScope.All);
        // Then
        Steps(plan).ShouldBe([
            "sg-1 authorize-ingress ingress:tcp:5432:10.2.0.0/16",
            "sg-1 authorize-egress egress:tcp:443:0.0.0.0/0",
            "sg-1 revoke-ingress ingress:tcp:8080:10.1.0.0/16",
            "sg-1 revoke-egress egress:all:all:0.0.0.0/0",
            "sg-1 update-description-ingress ingress:tcp:443:10.0.0.0/8",
        ]);
        plan.Groups[0].Steps[^1].Rule.Description.ShouldBe("https");
    }

    [Fact]
    public void Plan_WhenGroupIsNotDeclared_ShouldNeverTouchIt()
    {
        // Given: an unmanaged group in the declared VPC with SSH to the world
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = new[] { LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8")), LiveGroup("sg-9", Tcp("x", 22, "0.0.0.0/0")) };
        // When
        var plan = Plan([declared], live, RemediationScope.All);
        // Then
        plan.ChangeCount.ShouldBe(0);
        plan.Skipped.Select(s => s.Drift.Kind).ShouldBe([DriftKind.UnmanagedGroup, DriftKind.Unmanaged]);
        plan.Skipped.ShouldAllBe(s => s.Reason.Contains("never touched"));
    }

    [Fact]
    public void Plan_WhenLiveGroupIsTaggedIgnore_ShouldLeaveItAlone()
    {
        // Given
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveGroup("sg-1", Tcp("x", 22, "0.0.0.0/0")) with { Tags = new Dictionary<string, string> { ["driftguard:ignore"] = "true" } };
        // When
        var plan = Plan([declared], [live], RemediationScope.All);
        // Then
        plan.ChangeCount.ShouldBe(0);
        plan.Skipped.ShouldAllBe(s => s.Reason == "group tagged driftguard:ignore=true");
    }

    [Fact]
    public void Plan_WhenIgnoreFileMatchesTheRule_ShouldNotPlanIt()
    {
        // Given: the ignore file is given to the planner even if the drift result was built without it
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"), Tcp("x", 22, "0.0.0.0/0"));
        var ignore = DriftIgnore.Parse("sg-1:ingress:tcp:22:0.0.0.0/0");
        // When
        var plan = RemediationPlanner.Plan(new RemediationRequest(Analyze([declared], [live]), [declared], [live]) { Ignore = ignore });
        // Then
        plan.ChangeCount.ShouldBe(0);
        plan.Skipped.ShouldHaveSingleItem().Reason.ShouldBe("matched by .driftguardignore");
    }

    [Fact]
    public void Plan_WhenDeclaredGroupIsGone_ShouldNotRecreateItAndSaySo()
    {
        // Given
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var other = DeclaredSg("aws_security_group.db", "sg-2", Tcp("x", 5432, "10.0.0.0/8"));
        var live = LiveGroup("sg-2", Tcp("x", 5432, "10.0.0.0/8"));
        // When
        var plan = Plan([declared, other], [live], RemediationScope.All);
        // Then
        plan.ChangeCount.ShouldBe(0);
        var skipped = plan.Skipped.ShouldHaveSingleItem();
        skipped.Drift.Kind.ShouldBe(DriftKind.MissingGroup);
        skipped.Reason.ShouldContain("never recreated");
    }

    [Fact]
    public void Plan_WhenADeclaredInputFailedToRead_ShouldBlockApplying()
    {
        // Given
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveGroup("sg-1", Tcp("x", 22, "0.0.0.0/0"), Tcp("x", 443, "10.0.0.0/8"));
        // When
        var plan = Plan([declared], [live], inputErrors: [new Diagnostic("broken.tfstate", 3, "unexpected end of JSON")]);
        // Then
        plan.CanApply.ShouldBeFalse();
        plan.Blocked.ShouldHaveSingleItem().ShouldContain("failed to read");
    }

    [Fact]
    public void Plan_WhenDeclaredStateHasNoRulesWhileLiveGroupsHaveSome_ShouldBlockApplying()
    {
        // Given: a truncated state that still names the group but lost every rule
        var declared = DeclaredSg("sg-1");
        var live = LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"), Tcp("x", 22, "0.0.0.0/0"));
        // When
        var plan = Plan([declared], [live], RemediationScope.All);
        // Then
        plan.ChangeCount.ShouldBe(2);
        plan.CanApply.ShouldBeFalse();
        plan.Blocked.ShouldHaveSingleItem().ShouldContain("declared state for 111122223333/us-east-1 is empty");
    }

    [Fact]
    public void Plan_WhenChangesExceedMaxChanges_ShouldBlockAndSayWhy()
    {
        // Given
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"), Tcp("x", 22, "0.0.0.0/0"), Tcp("x", 23, "0.0.0.0/0"), Tcp("x", 24, "0.0.0.0/0"));
        // When
        var plan = Plan([declared], [live], RemediationScope.All, maxChanges: 2);
        // Then
        plan.CanApply.ShouldBeFalse();
        plan.Blocked.ShouldHaveSingleItem().ShouldBe("3 changes exceed --max-changes 2: nothing is applied (review the plan, then raise --max-changes)");
    }

    [Fact]
    public void Plan_WhenMissingRuleReferencesAnUnresolvedGroup_ShouldNeverAuthorizeIt()
    {
        // Given: a missing-rule drift whose peer is still an IaC reference
        var rule = new SgRule("sg-1", Direction.Ingress, "tcp", 443, 443, new GroupRef("aws_security_group.lb"));
        var drift = new DriftResult([new DriftItem(DriftKind.Missing, "sg-1", rule)])
        {
            Mapping = new Dictionary<string, string> { [App] = "sg-1" },
        };
        var declared = DeclaredSg("sg-1", Tcp("x", 80, "10.0.0.0/8"));
        // When
        var plan = RemediationPlanner.Plan(new RemediationRequest(drift, [declared], [LiveGroup("sg-1", Tcp("x", 80, "10.0.0.0/8"))]) { Scope = RemediationScope.All });
        // Then
        plan.ChangeCount.ShouldBe(0);
        plan.Skipped.ShouldHaveSingleItem().Reason.ShouldContain("never authorized");
    }

    [Fact]
    public void Plan_WhenDriftIsAcceptedByBaseline_ShouldLeaveItAlone()
    {
        // Given
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"), Tcp("x", 22, "0.0.0.0/0"));
        var analysed = Analyze([declared], [live]);
        var accepted = analysed with { Drifts = [.. analysed.Drifts.Select(d => d with { Accepted = true })] };
        // When
        var plan = RemediationPlanner.Plan(new RemediationRequest(accepted, [declared], [live]));
        // Then
        plan.ChangeCount.ShouldBe(0);
        plan.Skipped.ShouldHaveSingleItem().Reason.ShouldBe("accepted by the baseline");
    }

    [Fact]
    public void Plan_WhenScopeIsNone_ShouldChangeNothing()
    {
        // Given
        var declared = DeclaredSg("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveGroup("sg-1", Tcp("x", 22, "0.0.0.0/0"));
        // When
        var plan = Plan([declared], [live], RemediationScope.None);
        // Then
        plan.ChangeCount.ShouldBe(0);
        plan.Skipped.Count.ShouldBe(2);
    }
}
