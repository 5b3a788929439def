using System.Text;
using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;

namespace DriftGuard.GitHub.Tests.Cli;

/// <summary>
/// <c>driftguard watch --open-pr</c> end to end: the sandbox with the example stack applied, a rule the policy allows
/// added from the console, the watcher (real AWSSDK.EC2) keeping it, and Octokit opening the codify pull request
/// against a local fake GitHub API.
/// </summary>
public sealed class WatchOpenPullRequestTests : IAsyncLifetime
{
    private const string BaseSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private readonly FakeGitHub _github = new();
    private DemoWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await DemoWorld.StartAsync(Path.Combine(Repo.Root, "iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        _github.Dispose();
    }

    [Fact]
    public async Task Watch_WhenAnAllowedRuleIsAddedAndKept_ShouldOpenACodifyPullRequestAndRevertNothing()
    {
        // Given HTTPS from the office range added to shop-app from the console: no finding, so watch keeps it
        _github.WithDriftRepo("octo-org/infra", null, BaseSha);
        var app = _world.GroupIds["aws_security_group.app"];
        using (var console = _world.Client(DemoWorld.ConsoleKey))
            await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = app,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new IpRange { CidrIp = "10.30.0.0/16" }] }],
            });
        var env = new Dictionary<string, string?>
        {
            ["GITHUB_REPOSITORY"] = "octo-org/infra", ["GITHUB_TOKEN"] = "ghs_fake", ["GITHUB_API_URL"] = _github.ApiUrl.ToString(),
        };

        // When one poll runs with --remediate noncompliant --open-pr (credentials from the SDK's chain, as on a runner)
        InProcessCli.Result result;
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", DemoWorld.DriftGuardKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", DemoWorld.Secret);
        try
        {
            result = InProcessCli.Run(env, "watch", "--iac", _world.StatePath, "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1",
                "--interval", "30s", "--remediate", "noncompliant", "--once", "--open-pr", "--tf-dir", "iac/compliant/terraform");
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        }

        // Then the rule is still live, and one pull request declares it beside the group
        result.ExitCode.ShouldBe(0, result.Error);
        _world.Server.State.RulesOf(app).ShouldContain(r => r.FromPort == 443 && r.Source == "10.30.0.0/16");
        _github.Requests.Count(r => r.StartsWith("POST /api/v3/repos/octo-org/infra/pulls", StringComparison.Ordinal)).ShouldBe(1);
        var content = Encoding.UTF8.GetString(Convert.FromBase64String(_github.SentBodies
            .Single(b => b.ValueKind == System.Text.Json.JsonValueKind.Object && b.TryGetProperty("content", out _)).GetProperty("content").GetString()!));
        content.ShouldContain("security_group_id = aws_security_group.app.id");
        content.ShouldContain("cidr_ipv4         = \"10.30.0.0/16\"");
        // and the decision log (stderr here) stays one JSON document per line, the pull request among them
        var decisions = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var opened = decisions.Single(d => d.GetProperty("decision").GetString() == "pull-request");
        opened.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("created drift pull request octo-org/infra#7");
    }
}
