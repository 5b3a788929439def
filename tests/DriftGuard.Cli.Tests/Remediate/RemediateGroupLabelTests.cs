using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;
using DriftGuard.Cli.Tests.Check;

namespace DriftGuard.Cli.Tests.Remediate;

/// <summary>
/// <c>remediate --remediate all</c> labels each group with the group's own address, even when its only drift is a
/// missing rule declared by a standalone rule resource.
/// </summary>
public sealed class RemediateGroupLabelTests : IAsyncLifetime
{
    private DemoWorld _world = null!;

    public async Task InitializeAsync()
    {
        // Given the example stack, with the VPN SSH rule (aws_vpc_security_group_ingress_rule.app_ssh_vpn) revoked from the console
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);
        var app = _world.GroupIds["aws_security_group.app"];
        var vpnSsh = _world.Server.State.RulesOf(app).Single(r => !r.IsEgress && r.FromPort == 22);
        using var console = _world.Client(DemoWorld.ConsoleKey);
        await console.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = app, SecurityGroupRuleIds = [vpnSsh.RuleId] });
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private CliRunner.Result Remediate(params string[] extra)
    {
        using var _ = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
        });
        return CliRunner.Run(["remediate", "--iac", _world.StatePath, "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1",
                              "--remediate", "all", .. extra]);
    }

    [Fact]
    public void Remediate_WhenAllAndAStandaloneRuleIsMissing_ShouldLabelTheGroupWithTheGroupAddress()
    {
        // When
        var result = Remediate();
        // Then
        result.ExitCode.ShouldBe(1, result.Error);
        result.Out.ShouldContain($"  {_world.GroupIds["aws_security_group.app"]} (aws_security_group.app, us-east-1)");
        result.Out.ShouldNotContain("(aws_vpc_security_group_ingress_rule.app_ssh_vpn");
    }

    [Fact]
    public void Remediate_WhenAllAndAStandaloneRuleIsMissingInJson_ShouldGiveTheGroupAddressAsResource()
    {
        // When
        var result = Remediate("--format", "json");
        // Then
        var group = result.Json().RootElement.GetProperty("groups").EnumerateArray().ShouldHaveSingleItem();
        group.GetProperty("resource").GetString().ShouldBe("aws_security_group.app");
    }
}
