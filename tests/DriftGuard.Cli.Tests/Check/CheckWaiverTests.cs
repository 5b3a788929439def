using System.Text.Json;

namespace DriftGuard.Cli.Tests.Check;

/// <summary>Waivers of the policy file in <c>check</c>: written for the declared address, as in the gate, and never hidden.</summary>
public sealed class CheckWaiverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-check-waiver-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PolicyWaiving(string resource)
    {
        var path = Path.Combine(_dir, ".driftguard.yml");
        File.WriteAllText(path, $"""
            waivers:
              - policy: DG-SG-001
                resource: "{resource}"
                reason: "break-glass SSH, ticket SEC-42"
                owner: platform-team
                expires: 2099-12-31
            """);
        return path;
    }

    [Theory]
    [InlineData("aws_security_group.app")]
    [InlineData("aws_security_group.*")]
    public void Check_WhenAWaiverNamesTheDeclaredAddress_ShouldWaiveTheDriftsFinding(string resource)
    {
        // Given SSH opened to the world on shop-app, and a waiver for DG-SG-001 written for the group's Terraform address
        var policy = PolicyWaiving(resource);
        // When
        var result = CliRunner.Run("check", "--iac", "iac/compliant/terraform/terraform.tfstate", "--live-file", "iac/live/shop-ssh-opened.json",
            "--policy", policy, "--format", "json");
        // Then DG-SG-001 is waived on the drift, as the gate would waive it
        var drift = JsonDocument.Parse(result.Out).RootElement.GetProperty("drifts").EnumerateArray()
            .Single(d => d.GetProperty("kind").GetString() == "unmanaged" && d.GetProperty("fromPort").GetInt32() == 22);
        var finding = drift.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("policyId").GetString() == "DG-SG-001");
        finding.GetProperty("waived").GetBoolean().ShouldBeTrue(result.Out);
    }

    [Fact]
    public void Check_InTextWhenAFindingIsWaived_ShouldShowItWithItsReason()
    {
        // Given the same waiver
        var policy = PolicyWaiving("aws_security_group.app");
        // When
        var result = CliRunner.Run("check", "--iac", "iac/compliant/terraform/terraform.tfstate", "--live-file", "iac/live/shop-ssh-opened.json",
            "--policy", policy);
        // Then the table marks the drift and a line names the waived finding and why
        result.Out.ShouldContain("(1 waived)");
        result.Out.ShouldContain("waived: DG-SG-001 (critical) on");
        result.Out.ShouldContain("break-glass SSH, ticket SEC-42");
    }
}
