using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;
using DriftGuard.Cli.Tests.Check;

namespace DriftGuard.Cli.Tests.Inputs;

/// <summary><c>remediate --apply</c> with one named input that is not IaC refuses to act and names the file.</summary>
public sealed class RemediateNamedInputTests : IAsyncLifetime
{
    private DemoWorld _world = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-remediate-input-").FullName;

    public async Task InitializeAsync() =>
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Remediate_WhenApplyAndOneNamedFileIsPulumiState_ShouldExitTwoNamingItAndRevokeNothing()
    {
        // Given: SSH opened to the world on a declared group, and a Pulumi state named beside the Terraform state
        using var console = _world.Client(DemoWorld.ConsoleKey);
        var added = await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = _world.GroupIds["aws_security_group.app"],
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
        var pulumi = Path.Combine(_dir, "pulumi-state.json");
        File.WriteAllText(pulumi, """{"version": 3, "checkpoint": {"stack": "dev", "latest": {"resources": [{"type": "aws:ec2/securityGroup:SecurityGroup"}]}}}""");
        using var _ = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
        });
        // When
        var result = CliRunner.Run("remediate", "--iac", _world.StatePath, "--iac", pulumi, "--endpoint-url", _world.Server.Endpoint.ToString(),
                                   "--region", "us-east-1", "--apply");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("pulumi-state.json: not a Terraform plan/state/JSON configuration or CloudFormation template");
        _world.Server.State.Rules.ShouldContain(r => r.RuleId == added.SecurityGroupRules[0].SecurityGroupRuleId);
    }
}
