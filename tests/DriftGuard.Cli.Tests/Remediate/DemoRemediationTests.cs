using System.Text.RegularExpressions;

namespace DriftGuard.Cli.Tests.Remediate;

public class DemoRemediationTests
{
    [Fact]
    public void Demo_WhenRun_ShouldRevertTheSshChangeAndPrintDetectedRemediatedVerifiedWithSeconds()
    {
        // When
        var result = CliRunner.Run("demo");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("- revoke-ingress ingress:tcp:22:0.0.0.0/0");
        result.Out.ShouldContain("=> verified");
        var timeline = result.Out[result.Out.IndexOf("Timeline", StringComparison.Ordinal)..];
        Regex.IsMatch(timeline, @"detected .*time to detect \d+\.\d\d s").ShouldBeTrue(timeline);
        Regex.IsMatch(timeline, @"remediated .*\d+\.\d\d s after the change").ShouldBeTrue(timeline);
        Regex.IsMatch(timeline, @"verified .*time to remediate \d+\.\d\d s from detection, as the report counts it; exposure \d+\.\d\d s from the change").ShouldBeTrue(timeline);
    }
}
