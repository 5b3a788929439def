using Amazon.EC2.Model;
using DriftGuard.Aws.Remediation;
using DriftGuard.Core.Model;
using DriftGuard.Core.Remediation;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Remediation;

public sealed class Ec2RemediatorTests : RemediatorTestBase
{
    [Fact]
    public async Task Execute_WhenPlanRevokesSshToWorld_ShouldDryRunThenRevokeByRuleIdAndVerify()
    {
        // Given
        var group = await CreateGroupAsync("app");
        await AddIngressAsync(group, 443, "10.0.0.0/8");
        var ssh = await AddIngressAsync(group, 22, "0.0.0.0/0");
        // When
        var run = await ExecuteAsync(Group(group, Revoke(group, ssh, 22, "0.0.0.0/0")));
        // Then
        Ingress(group).ShouldBe(["tcp/443 10.0.0.0/8"]);
        RemediatorCalls().ShouldBe(["RevokeSecurityGroupIngress(dry-run)", "RevokeSecurityGroupIngress"]);
        Server.State.Calls.Last().Parameters["SecurityGroupRuleId.1"].ShouldBe(ssh);
        run.Groups.ShouldHaveSingleItem().Status.ShouldBe(GroupStatus.Verified);
        run.Principal.ShouldBe(RemediatorArn);
    }

    [Fact]
    public async Task Execute_WhenARuleIsChanged_ShouldAuthorizeTheDeclaredRuleBeforeRevoking()
    {
        // Given: SSH from the office was widened to the world
        var group = await CreateGroupAsync("app");
        var ssh = await AddIngressAsync(group, 22, "0.0.0.0/0");
        // When
        var run = await ExecuteAsync(Group(group, Authorize(group, 22, "203.0.113.0/24", description: "office"), Revoke(group, ssh, 22, "0.0.0.0/0")));
        // Then
        Ingress(group).ShouldBe(["tcp/22 203.0.113.0/24"]);
        RemediatorCalls().ShouldBe([
            "AuthorizeSecurityGroupIngress(dry-run)", "RevokeSecurityGroupIngress(dry-run)",
            "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress",
        ]);
        run.Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task Execute_WhenAuthorizeStepsRepeatARule_ShouldSendEachPermissionOnce()
    {
        // Given
        var group = await CreateGroupAsync("app");
        // When
        var run = await ExecuteAsync(Group(group, Authorize(group, 443, "10.0.0.0/8"), Authorize(group, 443, "10.0.0.0/8")));
        // Then
        run.Verified.ShouldBeTrue();
        Ingress(group).ShouldBe(["tcp/443 10.0.0.0/8"]);
        Server.State.Calls.Last().Parameters.Keys.Count(k => k.EndsWith("CidrIp", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Execute_WhenRuleWasAlreadyAuthorized_ShouldCountItAsDoneAndAuthorizeOnlyTheRest()
    {
        // Given: between the plan and the apply, someone added one of the two missing rules
        var group = await CreateGroupAsync("app");
        await AddIngressAsync(group, 443, "10.0.0.0/8");
        // When
        var run = await ExecuteAsync(Group(group, Authorize(group, 443, "10.0.0.0/8"), Authorize(group, 80, "10.0.0.0/8")));
        // Then
        Ingress(group).ShouldBe(["tcp/443 10.0.0.0/8", "tcp/80 10.0.0.0/8"]);
        run.Groups[0].Status.ShouldBe(GroupStatus.Verified);
        run.Actions.Where(a => !a.Action.StartsWith("dry-run", StringComparison.Ordinal)).Select(a => $"{a.Rule} {a.Outcome}")
            .ShouldBe(["ingress:tcp:443:10.0.0.0/8 already-done", "ingress:tcp:80:10.0.0.0/8 applied"]);
        RemediatorCalls().Count(c => c == "AuthorizeSecurityGroupIngress").ShouldBe(2);
    }

    [Fact]
    public async Task Execute_WhenARuleIdWasAlreadyRevoked_ShouldRetryOnlyWhatStillDiffers()
    {
        // Given: one of two unmanaged rules was removed by hand after the plan
        var group = await CreateGroupAsync("app");
        var a = await AddIngressAsync(group, 22, "0.0.0.0/0");
        var b = await AddIngressAsync(group, 3389, "0.0.0.0/0");
        await Ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = group, SecurityGroupRuleIds = [a] });
        // When
        var run = await ExecuteAsync(Group(group, Revoke(group, a, 22, "0.0.0.0/0"), Revoke(group, b, 3389, "0.0.0.0/0")));
        // Then
        Ingress(group).ShouldBeEmpty();
        run.Groups[0].Status.ShouldBe(GroupStatus.Verified);
        run.Groups[0].Notes.ShouldHaveSingleItem().ShouldContain("InvalidSecurityGroupRuleId.NotFound");
        Server.State.Calls.Last().Parameters.Where(p => p.Key.StartsWith("SecurityGroupRuleId", StringComparison.Ordinal)).Select(p => p.Value).ShouldBe([b]);
    }

    [Fact]
    public async Task Execute_WhenDryRunIsDenied_ShouldChangeNothingAndReportTheGroupFailed()
    {
        // Given
        await using var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            DeniedActions = new Dictionary<string, IReadOnlySet<string>> { [RemediatorKey] = new HashSet<string> { "RevokeSecurityGroupIngress" } },
        }, CancellationToken.None);
        using var ec2 = Sandbox.SandboxClients.Ec2(server);
        var group = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "app", Description = "app" })).GroupId;
        await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = group, IpPermissions = [Tcp(22, 22, "0.0.0.0/0")] });
        var ssh = server.State.RulesOf(group).Single(r => !r.IsEgress).RuleId;
        var remediator = new Ec2Remediator(RemediatorOptions with { EndpointUrl = server.Endpoint.ToString() });
        // When
        var run = await remediator.ExecuteAsync(new RemediationPlan(RemediationScope.All,
            [Group(group, Authorize(group, 443, "10.0.0.0/8"), Revoke(group, ssh, 22, "0.0.0.0/0"))], []), CancellationToken.None);
        // Then
        server.State.RulesOf(group).Count(r => !r.IsEgress).ShouldBe(1);
        server.State.Calls.Where(c => c.AccessKeyId == RemediatorKey).ShouldAllBe(c => c.Parameters["DryRun"] == "true");
        var outcome = run.Groups.ShouldHaveSingleItem();
        outcome.Status.ShouldBe(GroupStatus.Failed);
        outcome.Error!.ShouldStartWith("UnauthorizedOperation");
        outcome.Remaining.Count.ShouldBe(2);
        run.Actions.Last().Outcome.ShouldBe("denied");
    }

    [Fact]
    public async Task Execute_WhenDescriptionDiffers_ShouldSetItByRuleId()
    {
        // Given
        var group = await CreateGroupAsync("app");
        var rule = await AddIngressAsync(group, 443, "10.0.0.0/8", "edited in the console");
        var step = new RemediationStep(RemediationActionKind.UpdateDescription,
            new SgRule(group, Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.0.0.0/8")) { RuleId = rule, Description = "https" }, "changed description");
        // When
        var run = await ExecuteAsync(Group(group, step));
        // Then
        run.Verified.ShouldBeTrue();
        Server.State.RulesOf(group).Single(r => r.RuleId == rule).Description.ShouldBe("https");
        RemediatorCalls().ShouldBe(["UpdateSecurityGroupRuleDescriptionsIngress(dry-run)", "UpdateSecurityGroupRuleDescriptionsIngress"]);
    }

    [Fact]
    public async Task Execute_WhenStsCannotNameTheCaller_ShouldAuditPrincipalUnknown()
    {
        // Given
        await using var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            DeniedActions = new Dictionary<string, IReadOnlySet<string>> { [RemediatorKey] = new HashSet<string> { "sts:GetCallerIdentity" } },
        }, CancellationToken.None);
        using var ec2 = Sandbox.SandboxClients.Ec2(server);
        var group = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "app", Description = "app" })).GroupId;
        var remediator = new Ec2Remediator(RemediatorOptions with { EndpointUrl = server.Endpoint.ToString() });
        // When
        var run = await remediator.ExecuteAsync(new RemediationPlan(RemediationScope.All, [Group(group, Authorize(group, 443, "10.0.0.0/8"))], []), CancellationToken.None);
        // Then
        run.Verified.ShouldBeTrue();
        run.Principal.ShouldBe("unknown");
        run.Actions.ShouldAllBe(a => a.Principal == "unknown" && a.RequestId != null && a.Account == "123456789012" && a.Region == "us-east-1");
    }
}
