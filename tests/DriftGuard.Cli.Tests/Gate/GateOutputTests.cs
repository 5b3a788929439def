using System.Text.Json;

namespace DriftGuard.Cli.Tests.Gate;

public sealed class GateOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Gate_WhenJsonToStdout_ShouldPrintExactlyOneJsonDocument()
    {
        // When
        var result = CliRunner.Run("gate", "iac/insecure", "--format", "json");
        // Then
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(result.Out));
        JsonDocument.ParseValue(ref reader).RootElement.GetProperty("version").GetInt32().ShouldBe(1);
        result.Out[(int)reader.BytesConsumed..].Trim().ShouldBeEmpty();
    }

    [Fact]
    public void Gate_WhenSeveralFormatOutputPairs_ShouldWriteEachFile()
    {
        // Given
        var json = Path.Combine(_dir, "r.json");
        var sarif = Path.Combine(_dir, "r.sarif");
        var md = Path.Combine(_dir, "r.md");
        // When
        var result = CliRunner.Run("gate", "iac/insecure", "--format", "json", "--output", json, "--format", "sarif", "--output", sarif, "--format", "markdown", "--output", md);
        // Then
        result.ExitCode.ShouldBe(1);
        result.Out.ShouldBeEmpty();
        JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("findings").GetArrayLength().ShouldBeGreaterThan(0);
        var run = JsonDocument.Parse(File.ReadAllText(sarif)).RootElement.GetProperty("runs")[0];
        var location = run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        location.GetProperty("artifactLocation").GetProperty("uri").GetString()!.ShouldStartWith("iac/insecure/");
        File.ReadAllText(md).ShouldContain("DG-SG-001");
    }

    [Fact]
    public void Gate_WhenUnderGitHubActions_ShouldAnnotateAndWriteStepSummary()
    {
        // Given
        var summary = Path.Combine(_dir, "summary.md");
        var env = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };
        // When
        var result = CliRunner.RunIn(null, env, "gate", "iac/insecure/terraform/plan.json");
        // Then
        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("::error file=iac/insecure/terraform/plan.json,line=");
        File.ReadAllText(summary).ShouldContain("DG-SG-001");
    }

    [Fact]
    public void Gate_WhenWaiverCoversTheFinding_ShouldReportItWaivedAndPass()
    {
        // Given
        var policy = Path.Combine(_dir, "policy.yml");
        File.WriteAllText(policy, """
            waivers:
              - policy: DG-SG-001
                resource: "aws_vpc_security_group_ingress_rule.app_ssh_*"
                reason: "bastion migration, SEC-1234"
                owner: platform-team
                expires: 2999-12-31
              - policy: DG-SG-003
                resource: "aws_vpc_security_group_ingress_rule.app_ssh_*"
                reason: "bastion migration, SEC-1234"
                owner: platform-team
                expires: 2999-12-31
            """);
        // When
        var result = CliRunner.Run("gate", "iac/insecure/terraform/plan.json", "--policy", policy, "--format", "json");
        // Then
        result.ExitCode.ShouldBe(0, result.Out);
        var ssh = result.Findings().Single(f => f.GetProperty("policyId").GetString() == "DG-SG-001");
        ssh.GetProperty("waived").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Gate_WhenWaiverExpired_ShouldFailAndWarn()
    {
        // Given
        var policy = Path.Combine(_dir, "policy.yml");
        File.WriteAllText(policy, """
            waivers:
              - policy: DG-SG-001
                resource: "*"
                reason: "old exception"
                owner: platform-team
                expires: 2020-01-01
            """);
        // When
        var result = CliRunner.Run("gate", "iac/insecure/terraform/plan.json", "--policy", policy, "--format", "json");
        // Then
        result.ExitCode.ShouldBe(1);
        var ssh = result.Findings().Single(f => f.GetProperty("policyId").GetString() == "DG-SG-001");
        ssh.GetProperty("waived").GetBoolean().ShouldBeFalse();
        ssh.GetProperty("waiverExpired").GetBoolean().ShouldBeTrue();
        result.Json().RootElement.GetProperty("warnings").EnumerateArray().ShouldContain(w => w.GetProperty("message").GetString()!.Contains("expired"));
    }

    [Fact]
    public void Gate_WhenPolicyFileInvalid_ShouldExitTwo()
    {
        // Given
        var policy = Path.Combine(_dir, "policy.yml");
        File.WriteAllText(policy, "waivers: [ {policy: DG-SG-999, resource: '*'} ]\n");
        // When
        var result = CliRunner.Run("gate", "iac/compliant", "--policy", policy);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("policy.yml");
    }

    [Fact]
    public void Gate_WhenCidrUnknownUntilApplyAndFailOnMedium_ShouldFailWithUnresolvedFinding()
    {
        // Given: a CDKTF rule whose CIDR is a reference known only after apply
        var file = Path.Combine(_dir, "cdk.tf.json");
        File.WriteAllText(file, """
            {"resource":{"aws_security_group":{"web":{"name":"web","ingress":[{"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["${var.admin_cidr}"]}]}}}}
            """);
        // When
        var high = CliRunner.RunIn(_dir, null, "gate", file, "--format", "json");
        var medium = CliRunner.RunIn(_dir, null, "gate", file, "--format", "json", "--fail-on", "medium");
        // Then
        high.ExitCode.ShouldBe(0);
        medium.ExitCode.ShouldBe(1);
        medium.Findings().ShouldContain(f => f.GetProperty("policyId").GetString() == "DG-SG-006" && f.GetProperty("source").GetString() == "unknown");
    }
}
