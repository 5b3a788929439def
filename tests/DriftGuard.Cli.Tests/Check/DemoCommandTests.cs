namespace DriftGuard.Cli.Tests.Check;

public class DemoCommandTests
{
    [Fact]
    public void Demo_WhenRun_ShouldCatchTheConsoleSshChangeWithFindingsAndTimeline()
    {
        // When
        var result = CliRunner.Run("demo");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("opened tcp/22 to 0.0.0.0/0");
        result.Out.ShouldContain("unmanaged");
        result.Out.ShouldContain("DG-SG-001");
        result.Out.ShouldContain("time to detect");
        result.Out.ShouldContain("iac/compliant/terraform/terraform.tfstate");
    }
}
