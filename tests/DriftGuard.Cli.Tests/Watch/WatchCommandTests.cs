using System.Text.Json;
using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;
using DriftGuard.Cli.Tests.Check;

namespace DriftGuard.Cli.Tests.Watch;

/// <summary><c>driftguard watch</c> through the command line: flags, poll mode, exit codes.</summary>
public sealed class WatchCommandTests
{
    [Theory]
    [InlineData("--remediate", "sometimes", "invalid --remediate 'sometimes': use none, noncompliant or all")]
    [InlineData("--interval", "soon", "--interval: invalid duration 'soon'")]
    [InlineData("--max-runtime", "forever", "--max-runtime: invalid duration 'forever'")]
    public void Watch_WhenAFlagValueIsInvalid_ShouldExitTwoAndExplain(string flag, string value, string expected)
    {
        // When
        var result = CliRunner.Run("watch", "--iac", "iac/compliant/terraform/terraform.tfstate", flag, value);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(expected);
    }

    [Fact]
    public void Watch_WhenTheDeclaredStateCannotBeRead_ShouldExitTwoBeforeAnyLiveCall()
    {
        // When
        var result = CliRunner.Run("watch", "--iac", "no/such/state.tfstate", "--once", "--endpoint-url", "http://127.0.0.1:9/");
        // Then
        result.ExitCode.ShouldBe(2);
        var all = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        all.ShouldContain("error: no/such/state.tfstate: no such file or directory");
        var lines = all.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Select(l => l.GetProperty("decision").GetString()).ShouldBe(["start", "reload-failed", "stop"]);
    }

    [Fact]
    public async Task Watch_InPollModeOnceWithRemediateNoncompliant_ShouldRevertAndLogToStderr()
    {
        // Given the example stack with SSH opened from the console
        await using var world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);
        var app = world.GroupIds["aws_security_group.app"];
        using (var console = world.Client(DemoWorld.ConsoleKey))
            await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = app,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            });

        // When
        CliRunner.Result result;
        using (new EnvironmentScope(new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey, ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret }))
            result = CliRunner.Run("watch", "--iac", world.StatePath, "--endpoint-url", world.Server.Endpoint.ToString(), "--region", "us-east-1",
                "--interval", "30s", "--remediate", "noncompliant", "--once");

        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        world.Server.State.RulesOf(app).ShouldNotContain(r => r.FromPort == 22 && r.Source == "0.0.0.0/0");
        var decisions = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        decisions.Select(d => d.GetProperty("decision").GetString()).ShouldBe(["start", "remediated", "stop"]);
        decisions[1].TryGetProperty("actor", out _).ShouldBeFalse("a poll sees the change, not who made it");
        decisions[1].GetProperty("verified").GetBoolean().ShouldBeTrue();
    }
}

/// <summary><c>watch --log</c> and <c>--incidents</c> create missing folders, like <c>remediate --audit-log</c> and <c>report --output</c>.</summary>
public sealed class WatchOutputFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-watch-folders-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Watch_WhenTheLogFolderDoesNotExist_ShouldCreateItAndWriteTheLogThere()
    {
        // Given
        var log = Path.Combine(_dir, "logs", "2026", "watch.log");
        var incidents = Path.Combine(_dir, "incidents", "incidents.jsonl");
        // When (an unreadable declared state stops the run at once, after logging)
        var result = CliRunner.Run("watch", "--iac", "no/such/state.tfstate", "--once", "--endpoint-url", "http://127.0.0.1:9/",
                                   "--log", log, "--incidents", incidents);
        // Then
        result.Error.ShouldNotContain("cannot open log");
        File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("decision").GetString()).ShouldBe(["start", "reload-failed", "stop"]);
        File.Exists(incidents).ShouldBeTrue();
    }
}
