using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;

namespace DriftGuard.Cli.Tests.Check;

/// <summary><c>check</c> end to end: the real AWSSDK.EC2 client against the sandbox, with the example stack applied.</summary>
public sealed class CheckSandboxTests : IAsyncLifetime
{
    private DemoWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private CliRunner.Result Check(params string[] extra)
    {
        var env = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
        };
        using var _ = new EnvironmentScope(env);
        return CliRunner.Run(["check", "--iac", _world.StatePath, "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1", "--format", "json", .. extra]);
    }

    [Fact]
    public void Check_WhenLiveEqualsDeclared_ShouldExitZeroWithNoDrift()
    {
        // When
        var result = Check();
        // Then
        result.ExitCode.ShouldBe(0, result.Error + result.Out);
        result.Json().RootElement.GetProperty("drifts").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Check_WhenConsoleUserOpensSshToWorld_ShouldExitOneWithCriticalUnmanagedDrift()
    {
        // Given
        var app = _world.GroupIds["aws_security_group.app"];
        using (var console = _world.Client(DemoWorld.ConsoleKey))
            await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = app,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            });
        // When
        var result = Check();
        // Then
        result.ExitCode.ShouldBe(1, result.Error);
        var drift = result.Json().RootElement.GetProperty("drifts").EnumerateArray().ShouldHaveSingleItem();
        drift.GetProperty("kind").GetString().ShouldBe("unmanaged");
        drift.GetProperty("groupId").GetString().ShouldBe(app);
        drift.GetProperty("resource").GetString().ShouldBe("aws_security_group.app");
        drift.GetProperty("source").GetString().ShouldBe("0.0.0.0/0");
        drift.GetProperty("ruleId").GetString()!.ShouldStartWith("sgr-");
        drift.GetProperty("severity").GetString().ShouldBe("critical");
        drift.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("policyId").GetString()).ShouldContain("DG-SG-001");
    }

    [Fact]
    public async Task Check_WhenStateIsInAnS3Backend_ShouldReadItFromS3AndFindNoDrift()
    {
        // Given the applied state stored the way Terraform's S3 backend stores it (the sandbox serves path-style S3)
        using (var s3 = DriftGuard.Aws.State.S3StateFetcher.CreateClient(_world.Server.Endpoint.ToString(), "us-east-1",
                   new Amazon.Runtime.BasicAWSCredentials(DemoWorld.DriftGuardKey, DemoWorld.Secret)))
            await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "tfstate", Key = "shop/terraform.tfstate", FilePath = _world.StatePath });
        using var _ = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
        });
        // When
        var result = CliRunner.Run("check", "--iac", "s3://tfstate/shop/terraform.tfstate", "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1", "--format", "json");
        var missing = CliRunner.Run("check", "--iac", "s3://tfstate/no/such.tfstate", "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1", "--format", "json");
        // Then
        result.ExitCode.ShouldBe(0, result.Error + result.Out);
        result.Json().RootElement.GetProperty("summary").GetProperty("groups").GetInt32().ShouldBe(3);
        missing.ExitCode.ShouldBe(2);
        missing.Error.ShouldContain("s3://tfstate/no/such.tfstate");
    }

    [Fact]
    public async Task Check_WhenDeclaredStateIsBroken_ShouldExitTwoBeforeAnyLiveCall()
    {
        // Given
        var broken = Path.Combine(Path.GetDirectoryName(_world.StatePath)!, "broken.tfstate");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(_world.StatePath))[..200]);
        var before = _world.Server.State.RequestCount("DescribeSecurityGroups") + _world.Server.State.RequestCount("DescribeSecurityGroupRules");
        // When
        var result = CliRunner.Run("check", "--iac", broken, "--endpoint-url", _world.Server.Endpoint.ToString(), "--format", "json");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("broken.tfstate");
        (_world.Server.State.RequestCount("DescribeSecurityGroups") + _world.Server.State.RequestCount("DescribeSecurityGroupRules")).ShouldBe(before);
    }
}

/// <summary>Sets process environment variables for the SDK's default credential chain, restoring them afterwards.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private static readonly Lock Gate = new();
    private readonly Dictionary<string, string?> _previous = [];

    public EnvironmentScope(IDictionary<string, string?> values)
    {
        Gate.Enter();
        foreach (var (k, v) in values)
        {
            _previous[k] = Environment.GetEnvironmentVariable(k);
            Environment.SetEnvironmentVariable(k, v);
        }
    }

    public void Dispose()
    {
        foreach (var (k, v) in _previous) Environment.SetEnvironmentVariable(k, v);
        Gate.Exit();
    }
}

/// <summary>Faults from the API: the check completes correctly or reports incomplete, never a wrong "no drift".</summary>
public sealed class CheckFaultTests : IAsyncLifetime
{
    private DemoWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private CliRunner.Result Check(string accessKey)
    {
        using var _ = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = accessKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
            ["AWS_MAX_ATTEMPTS"] = "3",
        });
        return CliRunner.Run("check", "--iac", _world.StatePath, "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1", "--format", "json");
    }

    private async Task OpenSshAsync()
    {
        using var console = _world.Client(DemoWorld.ConsoleKey);
        await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = _world.GroupIds["aws_security_group.app"],
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
    }

    [Fact]
    public async Task Check_WhenEverySecondCallIsThrottled_ShouldStillFindTheDrift()
    {
        // Given
        await OpenSshAsync();
        _world.Server.ThrottleEveryNth = 2;
        // When
        var result = Check(DemoWorld.DriftGuardKey);
        // Then
        result.ExitCode.ShouldBe(1, result.Error + result.Out);
        result.Json().RootElement.GetProperty("drifts").EnumerateArray().ShouldContain(d => d.GetProperty("source").GetString() == "0.0.0.0/0");
    }

    [Fact]
    public void Check_WhenEveryCallFailsWith500_ShouldReportIncompleteNotInSync()
    {
        // Given
        _world.Server.FailEveryNth = 1;
        // When
        var result = Check(DemoWorld.DriftGuardKey);
        // Then
        result.ExitCode.ShouldBe(3, result.Error + result.Out);
        result.Json().RootElement.GetProperty("alerts").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Check_WhenDescribeIsDenied_ShouldReportAlertAndExitThree()
    {
        // When
        var result = Check(DemoWorld.DeniedKey);
        // Then
        result.ExitCode.ShouldBe(3, result.Error + result.Out);
        var alert = result.Json().RootElement.GetProperty("alerts").EnumerateArray().First();
        alert.GetProperty("message").GetString()!.ShouldContain("UnauthorizedOperation");
        result.Json().RootElement.GetProperty("drifts").EnumerateArray()
            .ShouldNotContain(d => d.GetProperty("kind").GetString() == "missing-group");
    }
}
