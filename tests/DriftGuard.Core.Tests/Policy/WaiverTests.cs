using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class WaiverTests
{
    private static readonly SecurityGroup Bastion = Sg("aws_security_group.bastion_eu", Tcp(22, "0.0.0.0/0"), Tcp(22, "::/0"))
        with { GroupId = "sg-0bastion" };

    private static PolicyConfig With(params Waiver[] waivers) =>
        PolicyConfig.Default with { Waivers = [.. waivers.Select(w => w with { File = ".driftguard.yml", Line = 7 })] };

    private static Waiver Waiver(string resource, string? source = null, string expires = "2026-12-31", string policy = "DG-SG-001") =>
        new(policy, resource, source, "Bastion; NACL limits SSH", "platform", DateOnly.Parse(expires));

    private static List<Finding> Ssh(PolicyConfig config, PolicyEngine? engine = null) =>
        [.. (engine ?? new PolicyEngine(config, Today)).Evaluate([Bastion]).Findings.Where(f => f.PolicyId == "DG-SG-001")];

    [Theory]
    [InlineData("aws_security_group.bastion_eu")]
    [InlineData("aws_security_group.bastion*")]
    [InlineData("*bastion*")]
    [InlineData("aws_security_group.bastion_??")]
    [InlineData("sg-0bastion")]
    [InlineData("*")]
    public void Evaluate_WhenWaiverResourceGlobMatches_ShouldMarkFindingsWaivedWithReason(string pattern)
    {
        // Given a waiver whose resource glob matches the address or group id
        // When
        var findings = Ssh(With(Waiver(pattern)));

        // Then both findings stay in the output, waived, with the reason and owner
        findings.Count.ShouldBe(2);
        findings.ShouldAllBe(f => f.Waived && f.WaiverReason == "Bastion; NACL limits SSH (owner: platform)" && !f.Fails(Severity.Low));
    }

    [Theory]
    [InlineData("aws_security_group.bastion")]
    [InlineData("bastion*")]
    [InlineData("aws_security_group.web*")]
    [InlineData("AWS_SECURITY_GROUP.BASTION_EU")]
    public void Evaluate_WhenWaiverResourceGlobDoesNotMatch_ShouldLeaveFindingsFailing(string pattern)
    {
        // Given / When
        var findings = Ssh(With(Waiver(pattern)));

        // Then
        findings.ShouldAllBe(f => !f.Waived && f.WaiverReason == null && f.Fails(Severity.High));
    }

    [Fact]
    public void Evaluate_WhenWaiverNamesASource_ShouldWaiveOnlyThatSource()
    {
        // Given a waiver for the IPv4 rule only
        // When
        var findings = Ssh(With(Waiver("*bastion*", source: "0.0.0.0/0")));

        // Then the ::/0 rule still fails
        findings.Single(f => f.Rule!.Source.Canonical == "0.0.0.0/0").Waived.ShouldBeTrue();
        findings.Single(f => f.Rule!.Source.Canonical == "::/0").Waived.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_WhenWaiverIsForAnotherPolicy_ShouldNotWaive()
    {
        // Given a DG-SG-003 waiver
        // When
        var findings = Ssh(With(Waiver("*", policy: "DG-SG-003")));

        // Then DG-SG-001 still fails
        findings.ShouldAllBe(f => !f.Waived);
    }

    [Fact]
    public void Evaluate_WhenWaiverExpiresToday_ShouldStillApply()
    {
        // Given expires == today (the date is inclusive)
        // When
        var findings = Ssh(With(Waiver("*", expires: "2026-06-15")));

        // Then
        findings.ShouldAllBe(f => f.Waived && !f.WaiverExpired);
    }

    [Fact]
    public void Evaluate_WhenWaiverExpired_ShouldCountFindingAndWarnOncePerResource()
    {
        // Given a waiver that expired yesterday
        var config = With(Waiver("*bastion*", expires: "2026-06-14"));

        // When
        var evaluation = new PolicyEngine(config, Today).Evaluate([Bastion]);

        // Then the findings count again, marked expired, and one warning names policy, resource and date
        var ssh = evaluation.Findings.Where(f => f.PolicyId == "DG-SG-001").ToList();
        ssh.ShouldAllBe(f => !f.Waived && f.WaiverExpired && f.Fails(Severity.High));
        var warning = evaluation.Warnings.ShouldHaveSingleItem();
        warning.Message.ShouldBe("waiver for DG-SG-001 on aws_security_group.bastion_eu expired on 2026-06-14");
        warning.File.ShouldBe(".driftguard.yml");
        warning.Line.ShouldBe(7);
    }

    [Fact]
    public void Evaluate_WhenExpiredAndActiveWaiversBothMatch_ShouldApplyTheActiveOne()
    {
        // Given an old expired waiver and its renewal
        var config = With(Waiver("*", expires: "2025-01-01"), Waiver("*bastion*", expires: "2027-01-01"));

        // When
        var evaluation = new PolicyEngine(config, Today).Evaluate([Bastion]);

        // Then
        evaluation.Findings.Where(f => f.PolicyId == "DG-SG-001").ShouldAllBe(f => f.Waived && !f.WaiverExpired);
        evaluation.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_WhenCloudFormationSkipNamesThePolicy_ShouldWaiveWithItsReason()
    {
        // Given Metadata.driftguard.skip on the resource, handed over by the reader
        var engine = new PolicyEngine(PolicyConfig.Default, Today)
        {
            Skips = new Dictionary<string, IReadOnlyList<PolicySkip>>
            {
                ["aws_security_group.bastion_eu"] = [new PolicySkip("DG-SG-001", "Jump host, ticket OPS-9")],
            },
        };

        // When
        var findings = engine.Evaluate([Bastion]).Findings;

        // Then DG-SG-001 is waived; DG-SG-003 on the same rules is not
        findings.Where(f => f.PolicyId == "DG-SG-001").ShouldAllBe(f => f.Waived && f.WaiverReason == "Jump host, ticket OPS-9");
        findings.Where(f => f.PolicyId == "DG-SG-003").ShouldAllBe(f => !f.Waived);
    }

    [Fact]
    public void Evaluate_WhenSkipNamesUnknownPolicy_ShouldWarn()
    {
        // Given a skip with a typo in its id
        var engine = new PolicyEngine(PolicyConfig.Default, Today)
        {
            Skips = new Dictionary<string, IReadOnlyList<PolicySkip>> { ["aws_security_group.bastion_eu"] = [new PolicySkip("DG-SG-01", "typo")] },
        };

        // When
        var evaluation = engine.Evaluate([Bastion]);

        // Then
        evaluation.Warnings.ShouldHaveSingleItem().Message.ShouldBe("skip for unknown policy id 'DG-SG-01' on aws_security_group.bastion_eu ignored");
        evaluation.Findings.ShouldAllBe(f => !f.Waived);
    }

    [Fact]
    public void Evaluate_WhenWaiverReadFromPolicyFile_ShouldApplyEndToEnd()
    {
        // Given a policy file text with a waiver
        var config = PolicyConfig.Parse("""
            waivers:
              - policy: DG-SG-001
                resource: "aws_security_group.bastion*"
                source: "::0/0"
                reason: IPv6 bastion
                expires: 2026-12-31
            """, ".driftguard.yml", out var errors);
        errors.ShouldBeEmpty();

        // When
        var findings = Ssh(config);

        // Then the source, written non-canonically, matches the ::/0 rule only
        findings.Where(f => f.Waived).Select(f => f.Rule!.Source.Canonical).ShouldBe(["::/0"]);
    }
}
