namespace DriftGuard.Cli.Tests.Gate;

public class GateExampleStackTests
{
    [Theory]
    [InlineData("iac/compliant")]
    [InlineData("iac/compliant/terraform/plan.json")]
    [InlineData("iac/compliant/terraform/terraform.tfstate")]
    [InlineData("iac/compliant/cloudformation/shop.yaml")]
    [InlineData("iac/compliant/cdktf/cdk.tf.json")]
    public void Gate_WhenStackIsCompliant_ShouldExitZeroWithNoFailingFinding(string path)
    {
        // When
        var result = CliRunner.Run("gate", path, "--format", "json");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        result.Findings().Where(f => f.GetProperty("severity").GetString() is "high" or "critical").ShouldBeEmpty();
        result.Json().RootElement.GetProperty("errors").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Gate_WhenCompliantDirectoryRead_ShouldFindAllThreeGroupsInEveryFormatAndSkipHcl()
    {
        // When
        var result = CliRunner.Run("gate", "iac/compliant", "--format", "json");
        // Then
        var root = result.Json().RootElement;
        root.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()).ShouldContain("iac/compliant/terraform/main.tf");
        root.GetProperty("summary").GetProperty("groups").GetInt32().ShouldBeGreaterThanOrEqualTo(3 * 4);
    }

    [Theory]
    [InlineData("iac/insecure/terraform/plan.json", "aws_vpc_security_group_ingress_rule.app_ssh_anywhere")]
    [InlineData("iac/insecure/cloudformation/shop.yaml", "AppSecurityGroup")]
    public void Gate_WhenSshOpenToWorld_ShouldExitOneWithTheSshFinding(string path, string resource)
    {
        // When
        var result = CliRunner.Run("gate", path, "--format", "json");
        // Then
        result.ExitCode.ShouldBe(1, result.Error);
        var ssh = result.Findings().Where(f => f.GetProperty("policyId").GetString() == "DG-SG-001").ToList();
        ssh.ShouldHaveSingleItem().GetProperty("resource").GetString().ShouldBe(resource);
        ssh[0].GetProperty("source").GetString().ShouldBe("0.0.0.0/0");
        ssh[0].GetProperty("fromPort").GetInt32().ShouldBe(22);
        ssh[0].GetProperty("line").GetInt32().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Gate_WhenInsecureDirectoryWithTextFormat_ShouldPrintTableNamingThePolicy()
    {
        // When
        var result = CliRunner.Run("gate", "iac/insecure");
        // Then
        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("DG-SG-001");
        result.Out.ShouldContain("0.0.0.0/0");
    }
}
