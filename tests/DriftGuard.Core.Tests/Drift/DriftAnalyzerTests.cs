using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Model.Direction;
using static DriftGuard.Core.Tests.Drift.Declare;

namespace DriftGuard.Core.Tests.Drift;

public class DriftAnalyzerTests
{
    private const string Vpc = "vpc-1";
    private static readonly DriftAnalyzer Analyzer = new();

    private static SecurityGroup TfGroup(string id, params SgRule[] rules) =>
        Tf("aws_security_group.web", id, "web", Vpc, rules.Select(r => new[] { r with { Group = "aws_security_group.web" } }).ToArray());

    private static string[] Summary(DriftResult result) =>
        [.. result.Drifts.Select(d => $"{d.Kind.Name()} {d.GroupId} {d.Rule?.PortText} {d.Rule?.Source}".TrimEnd())];

    [Fact]
    public void Analyze_WhenLiveHasExtraRule_ShouldReportUnmanaged()
    {
        // Given
        var declared = TfGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 443, "10.0.0.0/8"), Tcp("sg-1", 22, "0.0.0.0/0"));
        // When
        var result = Analyzer.Analyze([declared], [live]);
        // Then
        Summary(result).ShouldBe(["unmanaged sg-1 tcp/22 0.0.0.0/0"]);
        result.Drifts[0].Resource.ShouldBe("aws_security_group.web");
    }

    [Fact]
    public void Analyze_WhenDeclaredRuleIsNotLive_ShouldReportMissingWithItsOrigin()
    {
        // Given
        var declared = Tf("aws_security_group.web", "sg-1", "web", Vpc,
            In("aws_security_group.web", "tcp", "443", "443", "aws_security_group_rule.https", cidr: ["10.0.0.0/8"]));
        var live = LiveSg("sg-1", Vpc);
        // When
        var result = Analyzer.Analyze([declared], [live]);
        // Then
        Summary(result).ShouldBe(["missing sg-1 tcp/443 10.0.0.0/8"]);
        result.Drifts[0].Resource.ShouldBe("aws_security_group_rule.https");
        result.Drifts[0].Severity.ShouldBe(Severity.Low);
    }

    [Fact]
    public void Analyze_WhenOnlyDescriptionDiffers_ShouldReportChangedWithBothDescriptions()
    {
        // Given
        var declared = TfGroup("sg-1", Tcp("x", 443, "10.0.0.0/8", desc: "https from vpc"));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 443, "10.0.0.0/8", desc: "edited in console") with { RuleId = "sgr-9" });
        // When
        var drift = Analyzer.Analyze([declared], [live]).Drifts.ShouldHaveSingleItem();
        // Then
        drift.Kind.ShouldBe(DriftKind.Changed);
        drift.DeclaredDescription.ShouldBe("https from vpc");
        drift.LiveDescription.ShouldBe("edited in console");
        drift.Rule!.RuleId.ShouldBe("sgr-9");
    }

    [Fact]
    public void Analyze_WhenDescriptionIsEmptyOnOneSideAndAbsentOnTheOther_ShouldReportNothing()
    {
        // Given Terraform's "" and EC2's missing description
        var declared = TfGroup("sg-1", Tcp("x", 443, "10.0.0.0/8", desc: ""));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 443, "10.0.0.0/8"));
        // When / Then
        Analyzer.Analyze([declared], [live]).Drifts.ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_WhenLiveGroupIsUndeclaredInADeclaredVpc_ShouldReportGroupThenEachRule()
    {
        // Given
        var declared = TfGroup("sg-1");
        SecurityGroup[] live = [ LiveSg("sg-1", Vpc), LiveSg("sg-2", Vpc, Tcp("sg-2", 22, "0.0.0.0/0"), Tcp("sg-2", 80, "0.0.0.0/0")) ];
        // When
        var result = Analyzer.Analyze([declared], live);
        // Then
        Summary(result).ShouldBe(["unmanaged-group sg-2", "unmanaged sg-2 tcp/22 0.0.0.0/0", "unmanaged sg-2 tcp/80 0.0.0.0/0"]);
        result.Drifts[0].Severity.ShouldBe(Severity.Medium);
    }

    [Fact]
    public void Analyze_WhenUndeclaredGroupIsInAnotherVpc_ShouldIgnoreItUnlessAllVpcs()
    {
        // Given
        var declared = TfGroup("sg-1");
        SecurityGroup[] live = [ LiveSg("sg-1", Vpc), LiveSg("sg-3", "vpc-other", Tcp("sg-3", 22, "10.0.0.0/8")) ];
        // When
        var scoped = Analyzer.Analyze([declared], live);
        var all = Analyzer.Analyze([declared], live, new DriftOptions { AllVpcs = true });
        var named = Analyzer.Analyze([declared], live, new DriftOptions { VpcIds = ["vpc-other"] });
        // Then
        scoped.Drifts.ShouldBeEmpty();
        Summary(all).ShouldBe(["unmanaged-group sg-3", "unmanaged sg-3 tcp/22 10.0.0.0/8"]);
        Summary(named).ShouldBe(["unmanaged-group sg-3", "unmanaged sg-3 tcp/22 10.0.0.0/8"]);
    }

    [Fact]
    public void Analyze_WhenDefaultGroupHasOnlyDefaultRules_ShouldReportNothing()
    {
        // Given a VPC default group with EC2's own rules
        var declared = TfGroup("sg-1");
        var defaultGroup = LiveSg("sg-d", Vpc, All("sg-d", "sg-d", Ingress), All("sg-d", "0.0.0.0/0", Egress), All("sg-d", "::/0", Egress))
            with { IsDefault = true, Name = "default" };
        // When / Then
        Analyzer.Analyze([declared], [LiveSg("sg-1", Vpc), defaultGroup]).Drifts.ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_WhenDefaultGroupHasAnAddedRule_ShouldReportTheGroupAndOnlyTheAddedRule()
    {
        // Given
        var declared = TfGroup("sg-1");
        var defaultGroup = LiveSg("sg-d", Vpc, All("sg-d", "sg-d", Ingress), All("sg-d", "0.0.0.0/0", Egress), Tcp("sg-d", 3389, "0.0.0.0/0"))
            with { IsDefault = true, Name = "default" };
        // When
        var result = Analyzer.Analyze([declared], [LiveSg("sg-1", Vpc), defaultGroup]);
        // Then
        Summary(result).ShouldBe(["unmanaged-group sg-d", "unmanaged sg-d tcp/3389 0.0.0.0/0"]);
    }

    [Theory]
    [InlineData("eks-cluster-sg-prod-123456", null)]
    [InlineData("k8s-default-web-0a1b2c3d4e", null)]
    [InlineData("team-lb", "elbv2.k8s.aws/cluster")]
    [InlineData("whatever", "aws:eks:cluster-name")]
    public void Analyze_WhenUndeclaredGroupIsServiceCreated_ShouldReportItAtLowSeverity(string name, string? tag)
    {
        // Given
        var tags = tag is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [tag] = "prod" };
        var service = LiveSg("sg-9", Vpc) with { Name = name, Tags = tags };
        // When
        var drift = Analyzer.Analyze([TfGroup("sg-1")], [LiveSg("sg-1", Vpc), service]).Drifts.ShouldHaveSingleItem();
        // Then
        drift.Kind.ShouldBe(DriftKind.UnmanagedGroup);
        drift.Severity.ShouldBe(Severity.Low);
    }

    [Fact]
    public void Analyze_WhenDeclaredGroupIdIsNotLive_ShouldReportMissingGroup()
    {
        // Given
        var declared = TfGroup("sg-gone", Tcp("x", 443, "10.0.0.0/8"));
        // When
        var drift = Analyzer.Analyze([declared], [LiveSg("sg-1", "vpc-x")]).Drifts.ShouldHaveSingleItem();
        // Then
        drift.Kind.ShouldBe(DriftKind.MissingGroup);
        drift.GroupId.ShouldBe("sg-gone");
        drift.Resource.ShouldBe("aws_security_group.web");
    }

    [Fact]
    public void Analyze_WhenDeclaredGroupHasNoIdAndNoMatch_ShouldWarnAndReportNothing()
    {
        // Given a planned group that is not created yet
        var declared = Tf("aws_security_group.new", null, "new", Vpc, In("aws_security_group.new", "tcp", "22", "22", "aws_security_group.new", cidr: ["10.0.0.0/8"]));
        // When
        var result = Analyzer.Analyze([declared], [LiveSg("sg-1", "vpc-other")]);
        // Then
        result.Drifts.ShouldBeEmpty();
        result.Warnings.ShouldHaveSingleItem().Message.ShouldContain("no live group found");
    }

    [Fact]
    public void Analyze_WhenDeclaredRuleUsesSelf_ShouldMatchLivePairNamingTheOwnGroup()
    {
        // Given
        var declared = Tf("aws_security_group.nodes", "sg-1", "nodes", Vpc, In("aws_security_group.nodes", "tcp", "0", "65535", "r", self: true));
        var live = LiveSg("sg-1", Vpc, new SgRule("sg-1", Ingress, "tcp", 0, 65535, new GroupRef("sg-1")));
        // When / Then
        Analyzer.Analyze([declared], [live]).Drifts.ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_WhenDeclaredRuleReferencesAnotherDeclaredGroupByAddress_ShouldUseItsLiveId()
    {
        // Given app allows 8080 from the lb group, referenced by its Terraform address
        var app = Tf("aws_security_group.app", "sg-app", "app", Vpc, In("aws_security_group.app", "tcp", "8080", "8080", "r", sg: ["${aws_security_group.lb.id}"]));
        var lb = Tf("aws_security_group.lb", "sg-lb", "lb", Vpc);
        SecurityGroup[] live = [ LiveSg("sg-app", Vpc, Tcp("sg-app", 8080, "sg-lb")), LiveSg("sg-lb", Vpc) ];
        // When / Then
        Analyzer.Analyze([app, lb], live).Drifts.ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_WhenDeclaredRuleReferencesAGroupName_ShouldResolveItInTheSameVpc()
    {
        // Given two live groups named "bastion" in different VPCs (case 24's SourceSecurityGroupName, generalised)
        var declared = Tf("aws_security_group.db", "sg-db", "db", Vpc, In("aws_security_group.db", "tcp", "5432", "5432", "r", sg: ["bastion"]));
        SecurityGroup[] live =
        {
            LiveSg("sg-db", Vpc, Tcp("sg-db", 5432, "sg-b1")),
            LiveSg("sg-b1", Vpc) with { Name = "bastion" },
            LiveSg("sg-b2", "vpc-2") with { Name = "bastion" },
        };
        // When
        var result = Analyzer.Analyze([declared], live, new DriftOptions { VpcIds = ["vpc-none"] });
        // Then
        result.Drifts.ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_WhenCloudFormationGroupDeclaresNoEgress_ShouldExpectTheDefaultAllowAllEgress()
    {
        // Given a template group without SecurityGroupEgress, mapped by stack tags
        var declared = CfnGroup("Web", Vpc, "web", egressDeclared: false, In("Web", "tcp", "443", "443", "Web", cidr: ["0.0.0.0/0"]));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 443, "0.0.0.0/0"), All("sg-1", "0.0.0.0/0", Egress)) with
        {
            Tags = new Dictionary<string, string> { ["aws:cloudformation:stack-name"] = "prod", ["aws:cloudformation:logical-id"] = "Web" },
        };
        // When
        var result = Analyzer.Analyze([declared], [live], new DriftOptions { StackName = "prod" });
        // Then
        result.Drifts.ShouldBeEmpty();
        result.Mapping["Web"].ShouldBe("sg-1");
    }

    [Fact]
    public void Analyze_WhenCloudFormationGroupWithoutEgressIsInAnIpv6Vpc_ShouldExpectBothAllowAllEgressRules()
    {
        // Given a template group without SecurityGroupEgress in a VPC with an IPv6 block: EC2 adds 0.0.0.0/0 and ::/0 egress
        var declared = CfnGroup("Web", Vpc, "web", egressDeclared: false, In("Web", "tcp", "443", "443", "Web", cidr: ["0.0.0.0/0"]));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 443, "0.0.0.0/0"), All("sg-1", "0.0.0.0/0", Egress), All("sg-1", "::/0", Egress));
        // When
        var result = Analyzer.Analyze([declared], [live], new DriftOptions { StackResources = new Dictionary<string, string> { ["Web"] = "sg-1" } });
        // Then
        result.Drifts.ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_WhenCloudFormationGroupDeclaresEgress_ShouldReportTheDefaultEgressAsUnmanaged()
    {
        // Given a template group with its own SecurityGroupEgress, mapped by a stack map
        var declared = CfnGroup("Web", Vpc, "web", egressDeclared: true, Out("Web", "tcp", "443", "443", "Web", cidr: ["0.0.0.0/0"]));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 443, "0.0.0.0/0", Egress), All("sg-1", "0.0.0.0/0", Egress));
        // When
        var result = Analyzer.Analyze([declared], [live], new DriftOptions { StackResources = new Dictionary<string, string> { ["Web"] = "sg-1" } });
        // Then
        Summary(result).ShouldBe(["unmanaged sg-1 all 0.0.0.0/0"]);
    }

    [Fact]
    public void Analyze_WhenTerraformGroupHasLiveDefaultEgress_ShouldReportItAsUnmanaged()
    {
        // Given Terraform removes EC2's default egress unless declared
        var live = LiveSg("sg-1", Vpc, All("sg-1", "0.0.0.0/0", Egress));
        // When / Then
        Summary(Analyzer.Analyze([TfGroup("sg-1")], [live])).ShouldBe(["unmanaged sg-1 all 0.0.0.0/0"]);
    }

    [Fact]
    public void Analyze_WhenStackTagNamesAnotherStack_ShouldNotMapTheGroup()
    {
        // Given
        var declared = CfnGroup("Web", Vpc, "web", egressDeclared: false);
        var live = LiveSg("sg-1", Vpc) with
        {
            Tags = new Dictionary<string, string> { ["aws:cloudformation:stack-name"] = "staging", ["aws:cloudformation:logical-id"] = "Web" },
        };
        // When
        var result = Analyzer.Analyze([declared], [live], new DriftOptions { StackName = "prod" });
        // Then
        result.Mapping.ShouldBeEmpty();
        result.Warnings.ShouldHaveSingleItem();
    }

    [Fact]
    public void Analyze_WhenDeclaredSourceIsUnknown_ShouldWarnAndNotReportALiveRuleItCouldBe()
    {
        // Given a planned rule whose CIDR list is known only after apply
        var declared = Tf("aws_security_group.web", "sg-1", "web", Vpc,
            Rule("aws_security_group.web", Ingress, "tcp", "443", "443", "r", unknownSources: ["cidr"]));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 443, "10.1.0.0/16"), Tcp("sg-1", 443, "sg-other"));
        // When
        var result = Analyzer.Analyze([declared], [live]);
        // Then the CIDR rule could be the unknown one; the group reference cannot
        Summary(result).ShouldBe(["unmanaged sg-1 tcp/443 sg-other"]);
        result.Warnings.ShouldContain(w => w.Message.Contains("known only after apply"));
    }

    [Fact]
    public void Analyze_WhenDeclaredPortsAreUnknown_ShouldNotReportSameProtocolAndSourceAsUnmanaged()
    {
        // Given
        var declared = Tf("aws_security_group.web", "sg-1", "web", Vpc,
            Rule("aws_security_group.web", Ingress, "tcp", null, null, "r", cidr: ["10.0.0.0/8"], portsUnknown: true));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 8443, "10.0.0.0/8"), new SgRule("sg-1", Ingress, "udp", 53, 53, Cidr.Parse("10.0.0.0/8")));
        // When
        var result = Analyzer.Analyze([declared], [live]);
        // Then
        Summary(result).ShouldBe(["unmanaged sg-1 udp/53 10.0.0.0/8"]);
    }

    [Fact]
    public void Analyze_WhenPolicyFlagsAnUnmanagedRule_ShouldTakeTheHighestUnwaivedFinding()
    {
        // Given a policy that finds SSH from the world (High) and a waived Critical finding
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 22, "0.0.0.0/0"));
        IReadOnlyList<Finding> Evaluate(SgRule r, SecurityGroup g) =>
        [
            new Finding("DG-SG-001", Severity.High, "SSH open", [], g, r),
            new Finding("DG-SG-999", Severity.Critical, "waived", [], g, r) { Waived = true },
        ];
        // When
        var drift = Analyzer.Analyze([TfGroup("sg-1")], [live], new DriftOptions { EvaluateRule = Evaluate }).Drifts.ShouldHaveSingleItem();
        // Then
        drift.Severity.ShouldBe(Severity.High);
        drift.Findings.Count.ShouldBe(2);
    }

    [Fact]
    public void Analyze_WhenUnmanagedRuleHasNoFinding_ShouldBeMedium()
    {
        // Given
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 8080, "10.0.0.0/8"));
        // When / Then
        Analyzer.Analyze([TfGroup("sg-1")], [live]).Drifts.ShouldHaveSingleItem().Severity.ShouldBe(Severity.Medium);
    }

    [Fact]
    public void Analyze_WhenMissingRuleHasAHighFinding_ShouldStayLow()
    {
        // Given a declared world-open rule that is not live (nothing is exposed)
        IReadOnlyList<Finding> Evaluate(SgRule r, SecurityGroup g) => [new Finding("DG-SG-001", Severity.High, "SSH open", [], g, r)];
        // When
        var drift = Analyzer.Analyze([TfGroup("sg-1", Tcp("x", 22, "0.0.0.0/0"))], [LiveSg("sg-1", Vpc)], new DriftOptions { EvaluateRule = Evaluate })
            .Drifts.ShouldHaveSingleItem();
        // Then
        drift.Severity.ShouldBe(Severity.Low);
        drift.Findings.ShouldHaveSingleItem();
    }

    [Fact]
    public void Analyze_WhenRunTwice_ShouldGiveTheSameSixteenHexFingerprints()
    {
        // Given
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 22, "0.0.0.0/0"));
        // When
        var first = Analyzer.Analyze([TfGroup("sg-1")], [live]).Drifts.Single().Fingerprint;
        var second = Analyzer.Analyze([TfGroup("sg-1")], [live]).Drifts.Single().Fingerprint;
        // Then
        first.ShouldBe(second);
        first.ShouldMatch("^[0-9a-f]{16}$");
        first.ShouldBe(DriftFingerprint.Compute("111122223333", "us-east-1", "sg-1", DriftKind.Unmanaged, Tcp("sg-1", 22, "0.0.0.0/0")));
    }

    [Fact]
    public void Analyze_WhenIgnoreFileMatchesARule_ShouldDropAndCountIt()
    {
        // Given
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 22, "0.0.0.0/0"), Tcp("sg-1", 22, "::/0"), Tcp("sg-1", 80, "0.0.0.0/0"));
        var ignore = DriftIgnore.Parse("# debug rules\nsg-1:ingress:tcp:22:*\n");
        // When
        var result = Analyzer.Analyze([TfGroup("sg-1")], [live], new DriftOptions { Ignore = ignore });
        // Then
        Summary(result).ShouldBe(["unmanaged sg-1 tcp/80 0.0.0.0/0"]);
        result.IgnoredCount.ShouldBe(2);
    }

    [Fact]
    public void Analyze_WhenBaselineHoldsTheDrift_ShouldMarkItAccepted()
    {
        // Given a baseline written from a previous run
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 22, "0.0.0.0/0"));
        var before = Analyzer.Analyze([TfGroup("sg-1")], [live]);
        var path = Path.Combine(Path.GetTempPath(), $"baseline-{Guid.NewGuid():N}.json");
        Baseline.Write(path, before.Drifts);
        // When
        var after = Analyzer.Analyze([TfGroup("sg-1")], [live], new DriftOptions { Baseline = Baseline.Load(path) });
        File.Delete(path);
        // Then
        after.Drifts.ShouldHaveSingleItem().Accepted.ShouldBeTrue();
        after.InSync.ShouldBeTrue();
    }

    [Fact]
    public void Analyze_WhenStandaloneRulesTargetTheGroupIdFromAnotherFile_ShouldUniteThemWithTheGroup()
    {
        // Given the group in one state and a standalone rule (placeholder keyed by the sg id) in another
        var group = TfGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var placeholder = Tf("sg-1", null, null, null, In("sg-1", "tcp", "22", "22", "aws_security_group_rule.ssh", cidr: ["10.0.0.0/8"]));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 443, "10.0.0.0/8"), Tcp("sg-1", 22, "10.0.0.0/8"));
        // When / Then
        Analyzer.Analyze([group, placeholder], [live]).Drifts.ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_WhenPlannedGroupHasNoIdButNameAndVpcMatch_ShouldMapByName()
    {
        // Given
        var declared = Tf("aws_security_group.web", null, "web", Vpc);
        var live = LiveSg("sg-7", Vpc) with { Name = "web" };
        // When
        var result = Analyzer.Analyze([declared], [live]);
        // Then
        result.Mapping["aws_security_group.web"].ShouldBe("sg-7");
        result.Drifts.ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_WhenRulesAreCountedForCoverage_ShouldReportManagedShare()
    {
        // Given one declared and one extra live rule
        var declared = TfGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var live = LiveSg("sg-1", Vpc, Tcp("sg-1", 443, "10.0.0.0/8"), Tcp("sg-1", 22, "10.0.0.0/8"));
        // When
        var result = Analyzer.Analyze([declared], [live]);
        // Then
        result.Coverage.ShouldBe(0.5);
    }

    [Fact]
    public void Analyze_WhenTwoStatesUseTheSameAddressForDifferentGroups_ShouldCompareEachWithItsOwnLiveGroup()
    {
        // Given two workspaces, each with aws_security_group.web but different ids
        var a = TfGroup("sg-a", Tcp("x", 443, "10.0.0.0/8"));
        var b = TfGroup("sg-b", Tcp("x", 22, "10.0.0.0/8"));
        SecurityGroup[] live = [LiveSg("sg-a", Vpc, Tcp("sg-a", 443, "10.0.0.0/8")), LiveSg("sg-b", Vpc, Tcp("sg-b", 22, "10.0.0.0/8"))];
        // When / Then
        Analyzer.Analyze([a, b], live).Drifts.ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_WhenLiveReadWasIncomplete_ShouldWarnInsteadOfReportingMissingGroup()
    {
        // Given a declared group whose region could not be read
        var declared = TfGroup("sg-elsewhere");
        // When
        var result = Analyzer.Analyze([declared], [LiveSg("sg-1", "vpc-x")], new DriftOptions { LiveComplete = false });
        // Then
        result.Drifts.ShouldBeEmpty();
        result.Warnings.ShouldHaveSingleItem().Message.ShouldContain("live read was incomplete");
    }
}
