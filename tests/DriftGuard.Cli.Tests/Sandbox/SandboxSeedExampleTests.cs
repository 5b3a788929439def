using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace DriftGuard.Cli.Tests.Sandbox;

/// <summary>
/// <c>driftguard sandbox --seed-example OUT.tfstate</c>: the README's "try it against a running sandbox" recipe, run as
/// a user runs it: a standalone sandbox, then <c>check</c> from another invocation.
/// </summary>
public sealed class SandboxSeedExampleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-seed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SandboxSeedExample_WhenCheckedThenSshOpenedToTheWorld_ShouldBeInSyncThenReportTheDrift()
    {
        // Given a standalone sandbox seeded with the example stack
        var port = StandaloneSandbox.FreePort();
        var endpoint = $"http://127.0.0.1:{port}";
        var state = Path.Combine(_dir, "seeded", "example.tfstate");
        using var stop = new CancellationTokenSource();
        var sandbox = CliRunner.Start(stop.Token, "sandbox", "--port", port.ToString(), "--seed-example", state);
        await StandaloneSandbox.WaitForAsync(() => File.Exists(state) || sandbox.IsCompleted);
        if (sandbox.IsCompleted) (await sandbox).Error.ShouldBeEmpty("the sandbox stopped before seeding");

        // When the seeded state is checked
        var inSync = StandaloneSandbox.RunWithSandboxCredentials("check", "--iac", state, "--endpoint-url", endpoint, "--format", "json");
        // and someone opens SSH to the world on the application's group, then it is checked again
        string app;
        using (var ec2 = new AmazonEC2Client(new BasicAWSCredentials("test", "test"), new AmazonEC2Config { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" }))
        {
            var groups = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest());
            app = groups.SecurityGroups.Single(g => g.GroupName == "shop-app").GroupId;
            await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = app,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            });
        }
        var drifted = StandaloneSandbox.RunWithSandboxCredentials("check", "--iac", state, "--endpoint-url", endpoint);
        await stop.CancelAsync();
        var stopped = await sandbox;

        // Then: first in sync, then the SSH rule is reported as drift on the seeded group, and the sandbox stops cleanly
        inSync.ExitCode.ShouldBe(0, inSync.Error + inSync.Out);
        inSync.Json().RootElement.GetProperty("drifts").GetArrayLength().ShouldBe(0);
        drifted.ExitCode.ShouldBe(1, drifted.Error);
        drifted.Out.ShouldContain("unmanaged");
        drifted.Out.ShouldContain("0.0.0.0/0");
        drifted.Out.ShouldContain("aws_security_group.app");
        stopped.ExitCode.ShouldBe(0, stopped.Error);
        stopped.Out.ShouldContain($"aws_security_group.app = {app}");
    }

    [Fact]
    public void SandboxSeedExample_WhenTheExampleStateDoesNotExist_ShouldExitTwoAndSaySo()
    {
        // When
        var result = CliRunner.Run("sandbox", "--port", "0", "--seed-example", Path.Combine(_dir, "out.tfstate"), "--example-state", "no/such.tfstate");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("no/such.tfstate: example state not found");
        File.Exists(Path.Combine(_dir, "out.tfstate")).ShouldBeFalse();
    }
}
