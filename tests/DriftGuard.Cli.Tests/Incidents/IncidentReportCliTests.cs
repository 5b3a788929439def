using System.Text.Json;
using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;
using DriftGuard.Cli.Tests.Check;

namespace DriftGuard.Cli.Tests.Incidents;

/// <summary><c>check --ledger</c> and <c>report</c> end to end against the sandbox (EC2, CloudTrail and S3 on one endpoint).</summary>
public sealed class IncidentReportCliTests : IAsyncLifetime
{
    private DemoWorld _world = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);
        _dir = Directory.CreateTempSubdirectory("driftguard-report-cli-").FullName;
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private string App => _world.GroupIds["aws_security_group.app"];

    private CliRunner.Result Run(params string[] args)
    {
        using var _ = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
        });
        return CliRunner.Run(args);
    }

    private CliRunner.Result Check(params string[] extra) =>
        Run(["check", "--iac", _world.StatePath, "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1", .. extra]);

    private async Task SshAsAliceAsync(bool open)
    {
        using var console = _world.Client(DemoWorld.ConsoleKey);
        var permission = new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] };
        if (open) await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = App, IpPermissions = [permission] });
        else await console.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = App, IpPermissions = [permission] });
    }

    [Fact]
    public async Task CheckWithLedgerThenReport_WhenAliceOpenedSsh_ShouldAttributeItThroughCloudTrail()
    {
        // Given
        var ledger = Path.Combine(_dir, "drift.jsonl");
        await SshAsAliceAsync(open: true);
        // When
        var check = Check("--ledger", ledger);
        var report = Run("report", "--ledger", ledger, "--format", "json");
        // Then
        check.ExitCode.ShouldBe(1, check.Error);
        check.Error.ShouldContain("1 drift(s) recorded, 1 attributed");
        report.ExitCode.ShouldBe(0, report.Error);
        var incident = JsonDocument.Parse(report.Out).RootElement.GetProperty("incidents").EnumerateArray().ShouldHaveSingleItem();
        incident.GetProperty("groupId").GetString().ShouldBe(App);
        incident.GetProperty("responsible").GetProperty("actor").GetString().ShouldBe("alice@example.com");
        incident.GetProperty("responsible").GetProperty("role").GetString().ShouldBe("AWSReservedSSO_AdministratorAccess_0a1b2c3d");
        incident.GetProperty("occurredAt").GetDateTimeOffset().ShouldBeLessThanOrEqualTo(incident.GetProperty("detectedAt").GetDateTimeOffset());
        incident.GetProperty("timeToDetectSeconds").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        incident.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("policyId").GetString()).ShouldContain("DG-SG-001");
    }

    [Fact]
    public async Task Report_WhenALaterCheckNoLongerSeesTheDrift_ShouldShowItVerifiedWithTimeToRemediate()
    {
        // Given
        var ledger = Path.Combine(_dir, "drift.jsonl");
        await SshAsAliceAsync(open: true);
        Check("--ledger", ledger);
        await SshAsAliceAsync(open: false);
        // When
        var second = Check("--ledger", ledger);
        var report = Run("report", "--ledger", ledger, "--format", "markdown");
        // Then
        second.ExitCode.ShouldBe(0, second.Error);
        second.Error.ShouldContain("1 resolved");
        report.Out.ShouldContain("Incidents: 1 (0 open, 1 remediated and verified)");
        report.Out.ShouldContain("not remediated by DriftGuard: the drift was no longer seen by driftguard check");
        report.Out.ShouldNotContain("| Time to remediate | open |");
    }

    [Fact]
    public async Task CheckWithS3Ledger_WhenRun_ShouldWriteTheLedgerObjectThatReportReads()
    {
        // Given
        await SshAsAliceAsync(open: true);
        // When
        var check = Check("--ledger", "s3://drift-ledgers/prod/us-east-1.jsonl");
        var report = Run("report", "--ledger", "s3://drift-ledgers/prod/us-east-1.jsonl", "--endpoint-url", _world.Server.Endpoint.ToString());
        // Then
        check.ExitCode.ShouldBe(1, check.Error);
        report.ExitCode.ShouldBe(0, report.Error);
        report.Out.ShouldContain("# DriftGuard incident report");
        report.Out.ShouldContain("alice@\u200Dexample.com");
    }

    [Fact]
    public async Task ReportMerge_WhenTwoJobsWroteJsonResults_ShouldCombineThemInOneHtmlFile()
    {
        // Given: two jobs of a matrix wrote check results
        await SshAsAliceAsync(open: true);
        var a = Path.Combine(_dir, "job-a.json");
        var b = Path.Combine(_dir, "job-b.json");
        Check("--format", "json", "--output", a);
        File.WriteAllText(b, File.ReadAllText(a).Replace(App, "sg-0fromjobb").Replace("\"fingerprint\": \"", "\"fingerprint\": \"b"));
        var html = Path.Combine(_dir, "incidents.html");
        // When
        var result = Run("report", "--merge", a, b, "--format", "html", "--output", html);
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldContain("2 incident(s)");
        var text = File.ReadAllText(html);
        text.ShouldContain(App);
        text.ShouldContain("sg-0fromjobb");
        text.ShouldContain("<svg");
    }

    [Theory]
    [InlineData("99999999999d")]
    [InlineData("99999999999w")]
    public void Report_WhenSinceReachesBeforeAnyDate_ShouldExitTwoWithTheUsageMessage(string since)
    {
        // When
        var result = Run("report", "--merge", "x.json", "--since", since);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("invalid --since");
        result.Error.ShouldNotContain("internal error");
    }

    [Fact]
    public void Report_WhenSinceIsNotADuration_ShouldExitTwo()
    {
        // When
        var result = Run("report", "--merge", "x.json", "--since", "yesterday-ish");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("invalid --since");
    }

    [Fact]
    public void Demo_WhenRun_ShouldEndWithTheIncidentReportFromTheLedger()
    {
        // When
        var result = CliRunner.Run("demo");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("# DriftGuard incident report");
        result.Out.ShouldContain("| Who was responsible | alice@\u200Dexample.com (AssumedRole via role AWSReservedSSO\\_AdministratorAccess\\_0a1b2c3d, via console");
        result.Out.ShouldContain("| What prevents a repeat | DG-SG-001");
        result.Out.ShouldContain("| Time to detect |");
    }
}
