using System.Text.Json;
using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;
using DriftGuard.Cli.Tests.Check;

namespace DriftGuard.Cli.Tests.Remediate;

/// <summary><c>remediate</c> end to end: the example stack applied to the sandbox, a console user's change, the real SDK.</summary>
public sealed class RemediateSandboxTests : IAsyncLifetime
{
    private DemoWorld _world = null!;

    private string App => _world.GroupIds["aws_security_group.app"];

    public async Task InitializeAsync() =>
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private CliRunner.Result Run(string command, params string[] extra)
    {
        using var _ = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
        });
        return CliRunner.Run([command, "--iac", _world.StatePath, "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1", .. extra]);
    }

    private async Task<string> OpenSshToWorldAsync(string? groupId = null)
    {
        using var console = _world.Client(DemoWorld.ConsoleKey);
        var added = await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = groupId ?? App,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
        return added.SecurityGroupRules[0].SecurityGroupRuleId;
    }

    private bool HasRule(string ruleId) => _world.Server.State.Rules.Any(r => r.RuleId == ruleId);

    private string[] DriftGuardWrites() =>
        [.. _world.Server.State.Calls.Where(c => c.AccessKeyId == DemoWorld.DriftGuardKey).Select(c => c.Action)];

    [Fact]
    public async Task Remediate_WhenNoApply_ShouldPrintThePlanExitOneAndChangeNothing()
    {
        // Given
        var ssh = await OpenSshToWorldAsync();
        // When
        var result = Run("remediate");
        // Then
        result.ExitCode.ShouldBe(1, result.Error);
        result.Out.ShouldContain($"- revoke-ingress ingress:tcp:22:0.0.0.0/0 {ssh}");
        result.Out.ShouldContain("Run again with --apply");
        HasRule(ssh).ShouldBeTrue();
        DriftGuardWrites().ShouldBeEmpty();
    }

    [Fact]
    public async Task Remediate_WhenApply_ShouldRevokeSshVerifyExitZeroAndAppendTheAuditLog()
    {
        // Given
        var ssh = await OpenSshToWorldAsync();
        var audit = Path.Combine(Path.GetDirectoryName(_world.StatePath)!, "audit", "remediate.jsonl");
        // When
        var result = Run("remediate", "--apply", "--audit-log", audit);
        // Then
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldContain("=> verified");
        HasRule(ssh).ShouldBeFalse();
        var lines = File.ReadAllLines(audit).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Select(l => $"{l.GetProperty("action").GetString()} {l.GetProperty("outcome").GetString()}")
            .ShouldBe(["dry-run:revoke-ingress permitted", "revoke-ingress applied"]);
        var applied = lines[1];
        applied.GetProperty("group").GetString().ShouldBe(App);
        applied.GetProperty("principal").GetString().ShouldBe("arn:aws:sts::123456789012:assumed-role/DriftGuard/driftguard");
        applied.GetProperty("account").GetString().ShouldBe("123456789012");
        applied.GetProperty("region").GetString().ShouldBe("us-east-1");
        applied.GetProperty("rule").GetString().ShouldBe($"ingress:tcp:22:0.0.0.0/0 ({ssh})");
        applied.GetProperty("requestId").GetString().ShouldBe(_world.Server.State.Calls.Last().RequestId);
        applied.GetProperty("time").GetString()!.ShouldEndWith("+00:00");
    }

    [Fact]
    public async Task Remediate_WhenRunTwice_ShouldChangeNothingTheSecondTime()
    {
        // Given
        await OpenSshToWorldAsync();
        Run("remediate", "--apply", "--remediate", "all").ExitCode.ShouldBe(0);
        var writes = DriftGuardWrites().Length;
        // When
        var second = Run("remediate", "--apply", "--remediate", "all");
        // Then
        second.ExitCode.ShouldBe(0, second.Out);
        second.Out.ShouldContain("0 change(s) in 0 group(s)");
        DriftGuardWrites().Length.ShouldBe(writes);
    }

    [Fact]
    public async Task Remediate_WhenFormatJson_ShouldReportStepsStatusAndActions()
    {
        // Given
        await OpenSshToWorldAsync();
        // When
        var result = Run("remediate", "--apply", "--format", "json");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        var root = result.Json().RootElement;
        root.GetProperty("mode").GetString().ShouldBe("apply");
        root.GetProperty("scope").GetString().ShouldBe("noncompliant");
        var group = root.GetProperty("groups").EnumerateArray().ShouldHaveSingleItem();
        group.GetProperty("groupId").GetString().ShouldBe(App);
        group.GetProperty("status").GetString().ShouldBe("verified");
        root.GetProperty("actions").GetArrayLength().ShouldBe(2);
        root.GetProperty("principal").GetString()!.ShouldContain("DriftGuard");
    }

    [Fact]
    public async Task Remediate_WhenAuditLogCannotBeWritten_ShouldExitTwoAndChangeNothing()
    {
        // Given: the audit log path is a directory
        var ssh = await OpenSshToWorldAsync();
        var directory = Directory.CreateTempSubdirectory("dg-audit-dir-").FullName;
        // When
        var result = Run("remediate", "--apply", "--audit-log", directory);
        // Then
        result.ExitCode.ShouldBe(2, result.Out + result.Error);
        result.Error.ShouldContain("cannot write audit log");
        HasRule(ssh).ShouldBeTrue();
        DriftGuardWrites().ShouldBeEmpty();
        Directory.Delete(directory);
    }

    [Fact]
    public async Task Remediate_WhenChangesExceedMaxChanges_ShouldApplyNothingAndSayWhy()
    {
        // Given
        var ssh = await OpenSshToWorldAsync();
        // When
        var result = Run("remediate", "--apply", "--max-changes", "0");
        // Then
        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("blocked: 1 changes exceed --max-changes 0");
        HasRule(ssh).ShouldBeTrue();
        DriftGuardWrites().ShouldBeEmpty();
    }

    [Fact]
    public async Task Remediate_WhenDeclaredStateIsBroken_ShouldExitTwoWithoutAnyCall()
    {
        // Given
        var ssh = await OpenSshToWorldAsync();
        var broken = Path.Combine(Path.GetDirectoryName(_world.StatePath)!, "broken.tfstate");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(_world.StatePath))[..300]);
        var reads = _world.Server.State.RequestCount("DescribeSecurityGroupRules");
        // When
        var result = Run("remediate", "--apply", "--iac", broken);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("broken.tfstate");
        HasRule(ssh).ShouldBeTrue();
        _world.Server.State.RequestCount("DescribeSecurityGroupRules").ShouldBe(reads);
    }

    [Fact]
    public async Task Remediate_WhenAnUndeclaredGroupOpensSsh_ShouldNeverTouchIt()
    {
        // Given: a group nobody declares, in the stack's VPC
        using var console = _world.Client(DemoWorld.ConsoleKey);
        var stray = (await console.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = "hand-made", Description = "made in the console", VpcId = _world.Server.State.DefaultVpcId,
        })).GroupId;
        var ssh = await OpenSshToWorldAsync(stray);
        // When
        var result = Run("remediate", "--apply", "--remediate", "all");
        // Then
        result.Out.ShouldContain("unmanaged groups are never touched");
        HasRule(ssh).ShouldBeTrue();
        DriftGuardWrites().ShouldBeEmpty();
    }

    [Fact]
    public void Remediate_WhenScopeIsUnknown_ShouldExitTwo()
    {
        // When
        var result = Run("remediate", "--remediate", "some");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("invalid --remediate 'some': use none, noncompliant or all");
    }

    [Fact]
    public async Task Check_WhenRemediateNoncompliant_ShouldReportTheDriftRevertItAndExitZero()
    {
        // Given
        var ssh = await OpenSshToWorldAsync();
        // When
        var result = Run("check", "--remediate", "noncompliant", "--format", "json");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        result.Json().RootElement.GetProperty("drifts").GetArrayLength().ShouldBe(1);
        result.Error.ShouldContain("=> verified");
        HasRule(ssh).ShouldBeFalse();
    }

    [Fact]
    public async Task Check_WhenRemediateNoncompliantAndTheLedgerCannotBeWritten_ShouldRevertButExitThree()
    {
        // Given a --ledger path whose parent is a file
        var ssh = await OpenSshToWorldAsync();
        var blocker = Path.Combine(Path.GetDirectoryName(_world.StatePath)!, "not-a-dir");
        File.WriteAllText(blocker, "x");
        var ledger = Path.Combine(blocker, "ledger.jsonl");
        // When
        var result = Run("check", "--remediate", "noncompliant", "--ledger", ledger, "--format", "json");
        // Then the rule is reverted (a security fix is not undone), but the run is incomplete and says why
        HasRule(ssh).ShouldBeFalse();
        result.ExitCode.ShouldBe(3, result.Error);
        result.Error.ShouldContain("cannot append to ledger");
        result.Json().RootElement.GetProperty("alerts").EnumerateArray().ShouldHaveSingleItem()
            .GetProperty("message").GetString()!.ShouldStartWith("drifts not recorded in the ledger, the run is incomplete");
    }

    [Fact]
    public async Task Check_WhenRemediateIsNotGiven_ShouldChangeNothing()
    {
        // Given
        var ssh = await OpenSshToWorldAsync();
        // When
        var result = Run("check");
        // Then
        result.ExitCode.ShouldBe(1);
        HasRule(ssh).ShouldBeTrue();
        DriftGuardWrites().ShouldBeEmpty();
    }
}
