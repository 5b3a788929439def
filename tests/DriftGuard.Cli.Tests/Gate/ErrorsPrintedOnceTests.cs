using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;
using DriftGuard.Cli.Tests.Check;

namespace DriftGuard.Cli.Tests.Gate;

/// <summary>An error is printed once, on standard error; a text report keeps only the count, a JSON report lists it.</summary>
public sealed class ErrorsPrintedOnceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-errors-once-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string BrokenFile()
    {
        var path = Path.Combine(_dir, "broken.json");
        File.WriteAllText(path, "{\"resources\": [");
        return path;
    }

    private static int Occurrences(string text, string part) => text.Split('\n').Count(l => l.Contains(part, StringComparison.Ordinal));

    [Fact]
    public void Gate_WhenAFileIsBrokenInTextMode_ShouldPrintItsErrorOnceOnStderrAndCountItInTheReport()
    {
        // Given
        var broken = BrokenFile();
        // When
        var result = CliRunner.Run("gate", broken, "iac/compliant/");
        // Then
        result.ExitCode.ShouldBe(2);
        Occurrences(result.Out + result.Error, "broken.json:").ShouldBe(1, result.Out + result.Error);
        result.Error.ShouldContain($"error: {broken}:");
        result.Out.ShouldContain("1 error (printed on standard error)");
    }

    [Fact]
    public void Check_WhenTheDeclaredStateIsBrokenInTextMode_ShouldPrintItsErrorOnce()
    {
        // Given
        var broken = BrokenFile();
        // When
        var result = CliRunner.Run("check", "--iac", broken, "--live-file", "iac/live/shop-in-sync.json");
        // Then
        result.ExitCode.ShouldBe(2);
        Occurrences(result.Out + result.Error, "broken.json:").ShouldBe(1, result.Out + result.Error);
    }

    [Fact]
    public void Gate_WhenAFileIsBrokenInJsonMode_ShouldListTheErrorInTheJsonDocument()
    {
        // Given
        var broken = BrokenFile();
        // When
        var result = CliRunner.Run("gate", broken, "--format", "json");
        // Then
        result.ExitCode.ShouldBe(2);
        var error = result.Json().RootElement.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        error.GetProperty("file").GetString().ShouldBe(broken);
        Occurrences(result.Error, "broken.json:").ShouldBe(1);
    }

    [Fact]
    public async Task Remediate_WhenTheAuditLogCannotBeWrittenInTextMode_ShouldPrintItsErrorOnce()
    {
        // Given SSH opened to the world on the applied example stack, and an audit log path that is a folder
        await using var world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);
        using (var console = world.Client(DemoWorld.ConsoleKey))
            await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = world.GroupIds["aws_security_group.app"],
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            });
        // When
        CliRunner.Result result;
        using (new EnvironmentScope(new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey, ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret }))
            result = CliRunner.Run("remediate", "--iac", world.StatePath, "--endpoint-url", world.Server.Endpoint.ToString(), "--region", "us-east-1",
                                   "--apply", "--audit-log", _dir);
        // Then
        result.ExitCode.ShouldBe(2, result.Out + result.Error);
        Occurrences(result.Out + result.Error, "cannot write audit log").ShouldBe(1, result.Out + result.Error);
        result.Error.ShouldContain("cannot write audit log");
        result.Out.ShouldContain("1 error(s) (printed on standard error)");
    }
}
