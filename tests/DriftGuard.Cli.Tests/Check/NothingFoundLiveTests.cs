using DriftGuard.Cli.Demo;

namespace DriftGuard.Cli.Tests.Check;

/// <summary>
/// Every declared group missing live (another account, region or endpoint, or ids that map to nothing) is an alert and
/// exit code 3, never a green run of medium <c>missing-group</c> drifts; remediate stands still.
/// </summary>
public sealed class NothingFoundLiveTests : IAsyncLifetime
{
    private const string ExampleState = "iac/compliant/terraform/terraform.tfstate";
    private const string Alert = "none of the 3 declared security group(s) was found live: wrong account, region or endpoint";
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-nothing-live-").FullName;
    private DemoWorld _world = null!;

    // The sandbox holds the example stack applied under new ids; the original example state names none of them.
    public async Task InitializeAsync() =>
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private CliRunner.Result RunAgainstSandbox(params string[] args)
    {
        using var _ = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
        });
        return CliRunner.Run([.. args, "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1"]);
    }

    [Fact]
    public void Check_WhenNoDeclaredGroupIsFoundLive_ShouldExitThreeWithTheAlert()
    {
        // When the state is checked against an endpoint that holds none of its groups, at the default --fail-on high
        var result = RunAgainstSandbox("check", "--iac", ExampleState);
        // Then
        result.ExitCode.ShouldBe(3, result.Out + result.Error);
        result.Out.ShouldContain($"alert: aws:us-east-1: {Alert}");
        result.Out.ShouldContain("missing-group");
    }

    [Fact]
    public void Check_WhenNoDeclaredGroupIsFoundLiveInJson_ShouldListTheAlertInAlerts()
    {
        // Given a live file from another account: no group of the example state in it
        var live = Path.Combine(_dir, "other-account.json");
        File.WriteAllText(live, """{"SecurityGroups": []}""");
        // When
        var result = CliRunner.Run("check", "--iac", ExampleState, "--live-file", live, "--format", "json");
        // Then
        result.ExitCode.ShouldBe(3, result.Error);
        var alert = result.Json().RootElement.GetProperty("alerts").EnumerateArray().ShouldHaveSingleItem();
        alert.GetProperty("message").GetString()!.ShouldStartWith(Alert);
    }

    [Fact]
    public void Check_WhenSomeDeclaredGroupIsFoundLive_ShouldNotRaiseTheAlert()
    {
        // When the applied state is checked (every group found)
        var result = RunAgainstSandbox("check", "--iac", _world.StatePath);
        // Then
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldNotContain("none of the");
    }

    [Fact]
    public void Remediate_WhenApplyAllAndNoDeclaredGroupIsFoundLive_ShouldBlockExitThreeAndMakeNoCall()
    {
        // Given
        var audit = Path.Combine(_dir, "audit.jsonl");
        // When
        var result = RunAgainstSandbox("remediate", "--iac", ExampleState, "--remediate", "all", "--apply", "--audit-log", audit);
        // Then nothing is recreated or changed: every missing group is left alone, the plan is blocked
        result.ExitCode.ShouldBe(3, result.Out + result.Error);
        result.Out.ShouldContain("0 change(s) in 0 group(s)");
        result.Out.ShouldContain($"blocked: {Alert}");
        result.Out.ShouldContain("missing-group: the group is gone; groups are never recreated");
        _world.Server.State.Calls.Where(c => c.AccessKeyId == DemoWorld.DriftGuardKey).ShouldBeEmpty();
        File.Exists(audit).ShouldBeFalse();
    }

    private const string NothingDeclared = "the declared inputs hold no security group";

    /// <summary>A valid Terraform state with <c>"resources": []</c>, and SSH opened to the world on a live group.</summary>
    private async Task<string> EmptyStateWithSshOpenLiveAsync()
    {
        var path = Path.Combine(_dir, "empty.tfstate");
        File.WriteAllText(path, """{"version":4,"terraform_version":"1.9.0","serial":1,"lineage":"x","outputs":{},"resources":[]}""");
        using var console = _world.Client(DemoWorld.ConsoleKey);
        await console.AuthorizeSecurityGroupIngressAsync(new Amazon.EC2.Model.AuthorizeSecurityGroupIngressRequest
        {
            GroupId = _world.GroupIds["aws_security_group.app"],
            IpPermissions = [new Amazon.EC2.Model.IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new Amazon.EC2.Model.IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
        return path;
    }

    [Fact]
    public async Task Check_WhenTheInputsDeclareNoGroup_ShouldExitThreeWithAnAlertNamingTheInputs()
    {
        // Given
        var empty = await EmptyStateWithSshOpenLiveAsync();
        // When
        var result = RunAgainstSandbox("check", "--iac", empty, "--format", "json");
        // Then: not "0 drifts, exit 0" while SSH is open: nothing was compared, and the alert says which inputs
        result.ExitCode.ShouldBe(3, result.Out + result.Error);
        var alert = result.Json().RootElement.GetProperty("alerts").EnumerateArray().ShouldHaveSingleItem();
        alert.GetProperty("message").GetString()!.ShouldStartWith(NothingDeclared);
        alert.GetProperty("file").GetString().ShouldBe(empty);
    }

    [Fact]
    public async Task Check_WhenTheInputsDeclareNoGroupButAllVpcsIsGiven_ShouldReportTheLiveGroupsInsteadOfTheAlert()
    {
        // Given
        var empty = await EmptyStateWithSshOpenLiveAsync();
        // When the scope is widened on purpose
        var result = RunAgainstSandbox("check", "--iac", empty, "--all-vpcs");
        // Then the live groups are compared (unmanaged), with no "nothing compared" alert
        result.ExitCode.ShouldBe(1, result.Out + result.Error);
        result.Out.ShouldContain("unmanaged-group");
        result.Out.ShouldNotContain(NothingDeclared);
    }

    [Fact]
    public async Task Remediate_WhenApplyOnAStateDeclaringNoGroup_ShouldBlockAndExitThreeNotZero()
    {
        // Given
        var empty = await EmptyStateWithSshOpenLiveAsync();
        // When
        var result = RunAgainstSandbox("remediate", "--iac", empty, "--remediate", "all", "--apply");
        // Then
        result.ExitCode.ShouldBe(3, result.Out + result.Error);
        result.Out.ShouldContain("blocked: the declared state");
        result.Out.ShouldContain($"alert: {NothingDeclared}");
        _world.Server.State.Calls.Where(c => c.AccessKeyId == DemoWorld.DriftGuardKey).ShouldBeEmpty();
    }
}
