using System.Text;
using System.Text.RegularExpressions;

namespace DriftGuard.Cli.Tests.Gate;

/// <summary>Bad input never crashes: exit 2 and one line <c>error: FILE:LINE: what is wrong</c>, other files still evaluated.</summary>
public sealed class GateBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private const string ValidSshTemplate = SampleTemplates.SshFromWorld;

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "truncated.plan.json", """{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"type":"aws_security_group" """, "" },
        { "truncated.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties: {GroupDescription: [unclosed\n", "" },
        { "empty.json", "", "empty" },
        { "invalid-cidr.yaml", ValidSshTemplate.Replace("0.0.0.0/0", "10.0.0.300/24"), "10.0.0.300/24" },
        { "port-70000.yaml", ValidSshTemplate.Replace("ToPort: 22", "ToPort: 70000"), "70000" },
        { "unknown-protocol.yaml", ValidSshTemplate.Replace("IpProtocol: tcp", "IpProtocol: tcpx"), "tcpx" },
        { "unknown-format-version.plan.json", """{"format_version":"2.0","planned_values":{"root_module":{"resources":[]}}}""", "2.0" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Gate_WhenFileIsBad_ShouldExitTwoWithOneLineErrorNamingFile(string name, string content, string mention)
    {
        // Given
        var bad = Write(name, content);
        var good = Write("good.yaml", ValidSshTemplate);
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", bad, good, "--format", "json");
        // Then
        result.ExitCode.ShouldBe(2);
        var errorLines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:")).ToList();
        errorLines.ShouldNotBeEmpty();
        errorLines.ShouldAllBe(l => l.Contains(name));
        errorLines[0].ShouldMatch($@"^error: {Regex.Escape(name)}(:\d+){{0,2}}: .+"); // FILE[:LINE[:COLUMN]]
        if (mention.Length > 0) errorLines[0].ShouldContain(mention);
        result.Error.ShouldNotContain("   at ");
        // the other file was still evaluated
        result.Findings().ShouldContain(f => f.GetProperty("file").GetString() == "good.yaml" && f.GetProperty("policyId").GetString() == "DG-SG-001");
    }

    [Fact]
    public void Gate_WhenBinaryFileGiven_ShouldExitTwo()
    {
        // Given
        var path = Path.Combine(_dir, "plan.json");
        File.WriteAllBytes(path, [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02, 0x00, 0xFF, 0xFE, 0x00]);
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", path);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("plan.json");
        result.Error.ShouldContain("binary");
    }

    [Fact]
    public void Gate_WhenYamlAliasBomb_ShouldExitTwoQuickly()
    {
        // Given: the "billion laughs" shape in a CloudFormation template
        var sb = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 12; i++) sb.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        sb.Append("Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: *a11\n");
        var bomb = Write("bomb.yaml", sb.ToString());
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", bomb);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("bomb.yaml");
    }

    [Theory]
    [InlineData("deep.json")]
    [InlineData("deep.yaml")]
    public void Gate_WhenNesting100000Deep_ShouldExitTwoWithoutStackOverflow(string name)
    {
        // Given
        var deep = name.EndsWith(".json")
            ? "{\"format_version\":\"1.2\",\"planned_values\":" + new string('[', 100_000) + new string(']', 100_000) + "}"
            : "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var path = Write(name, deep);
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", path);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(name);
    }

    [Fact]
    public void Gate_WhenPathDoesNotExist_ShouldExitTwo()
    {
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", "no-such-dir");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error: no-such-dir: no such file or directory");
    }

    [Theory]
    [InlineData("--fail-on", "severe")]
    [InlineData("--format", "yaml")]
    public void Gate_WhenOptionValueInvalid_ShouldExitTwo(string option, string value)
    {
        // When
        var result = CliRunner.Run("gate", "iac/compliant", option, value);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(value);
    }

    [Fact]
    public void Gate_WhenUnknownFlag_ShouldExitTwo()
    {
        // When
        var result = CliRunner.Run("gate", "iac/compliant", "--no-such-flag");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--no-such-flag");
    }
}
