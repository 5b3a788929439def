using CsCheck;
using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;

namespace DriftGuard.Core.Tests.Policy;

public sealed class PolicyConfigTests
{
    private const string Example = """
        version: 1
        policies:
          DG-SG-004: { enabled: false }
          DG-SG-003: { severity: medium }
        authorizedPorts: [80, 443, 8443]
        forbiddenCidrs: [198.51.100.7/24, "2001:DB8::/32"]
        waivers:
          - policy: DG-SG-001
            resource: "aws_security_group.bastion*"
            source: 203.0.113.0/24
            reason: Bastion; SSH limited by NACL — SEC-1234
            owner: platform-team
            expires: 2026-12-31
        """;

    private static PolicyConfig Parse(string yaml, out IReadOnlyList<Diagnostic> errors) =>
        PolicyConfig.Parse(yaml, ".driftguard.yml", out errors);

    [Fact]
    public void Parse_WhenExampleFile_ShouldReadEverySetting()
    {
        // Given the documented example
        // When
        var config = Parse(Example, out var errors);

        // Then
        errors.ShouldBeEmpty();
        config.IsEnabled("DG-SG-004").ShouldBeFalse();
        config.IsEnabled("DG-SG-001").ShouldBeTrue();
        config.SeverityOf(PolicyCatalog.Find("DG-SG-003")!).ShouldBe(Severity.Medium);
        config.AuthorizedPorts.ShouldBe([80, 443, 8443]);
        config.ForbiddenCidrs.Select(c => c.Canonical).ShouldBe(["198.51.100.0/24", "2001:db8::/32"]);
        var waiver = config.Waivers.ShouldHaveSingleItem();
        waiver.ShouldBe(new Waiver("DG-SG-001", "aws_security_group.bastion*", "203.0.113.0/24",
            "Bastion; SSH limited by NACL — SEC-1234", "platform-team", new DateOnly(2026, 12, 31)) { File = ".driftguard.yml", Line = 8 });
    }

    [Fact]
    public void Parse_WhenEmptyFile_ShouldGiveDefaults()
    {
        // Given / When
        var config = Parse("", out var errors);

        // Then
        errors.ShouldBeEmpty();
        config.AuthorizedPorts.ShouldBe([80, 443]);
        config.Waivers.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("policies: [unclosed", 1, "invalid YAML")]
    [InlineData("waivers:\n  - policy: DG-SG-999\n    resource: x\n    reason: r\n    expires: 2026-01-01", 2, "waiver: unknown policy id 'DG-SG-999'")]
    [InlineData("waivers:\n  - policy: DG-SG-001\n    resource: x\n    reason: r\n    expires: 31/12/2026", 5, "waiver: expires '31/12/2026' is not a date (yyyy-mm-dd)")]
    [InlineData("waivers:\n  - policy: DG-SG-001\n    resource: x\n    expires: 2026-01-01", 2, "waiver for DG-SG-001 on x: missing reason")]
    [InlineData("waivers:\n  - policy: DG-SG-001\n    resource: x\n    reason: r", 2, "waiver for DG-SG-001 on x: missing expires (yyyy-mm-dd)")]
    [InlineData("policies:\n  DG-SG-042: { enabled: false }", 2, "policies: unknown policy id 'DG-SG-042'")]
    [InlineData("policies:\n  DG-SG-003: { severity: urgent }", 2, "policies.DG-SG-003.severity: expected critical, high, medium or low, got 'urgent'")]
    [InlineData("authorizedPorts: [80, 70000]", 1, "authorizedPorts: '70000' is not a port number (0-65535)")]
    [InlineData("forbiddenCidrs: [10.0.0.1]", 1, "forbiddenCidrs: invalid CIDR '10.0.0.1': no prefix length")]
    [InlineData("waiver: []", 1, "unknown key 'waiver' (expected version, policies, authorizedPorts, forbiddenCidrs, waivers)")]
    [InlineData("- just\n- a list", 1, "policy file must be a mapping with keys policies, authorizedPorts, forbiddenCidrs, waivers")]
    public void Parse_WhenFileIsInvalid_ShouldReportDiagnosticWithLine(string yaml, int line, string message)
    {
        // Given an invalid policy file
        // When
        Parse(yaml, out var errors);

        // Then one located, one-line error, no exception
        var error = errors.ShouldHaveSingleItem();
        error.File.ShouldBe(".driftguard.yml");
        error.Line.ShouldBe(line);
        error.Message.ShouldStartWith(message);
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void Parse_WhenKeyIsDuplicated_ShouldReportErrorNotThrow()
    {
        // Given the same top-level key twice
        // When
        Parse("authorizedPorts: [80]\nauthorizedPorts: [443]", out var errors);

        // Then
        errors.ShouldHaveSingleItem().Message.ShouldStartWith("invalid YAML");
    }

    [Fact]
    public void Parse_WhenYamlDotNetScannerFailsOnMalformedScalar_ShouldReportInvalidYaml()
    {
        // Given text on which YamlDotNet 16.3 throws InvalidOperationException instead of YamlException
        const string text = "066!/* ]#]8*100,a'0#-06'>}b{[: [8>8\n87,4!!a|4*2[?82%#,:";

        // When
        Parse(text, out var errors);

        // Then
        errors.ShouldHaveSingleItem().Message.ShouldStartWith("invalid YAML");
    }

    [Fact]
    public void Parse_WhenTextIsArbitrary_ShouldNeverThrow()
    {
        // Given any text built from YAML-significant characters
        Gen.Char["ab:-[]{}&*!|>'\"%@` \n\t#?,0123456789./"].Array[0, 200].Select(c => new string(c)).Sample(text =>
        {
            // When / Then: every outcome is a configuration plus diagnostics, never an exception
            PolicyConfig.Parse(text, "fuzz.yml", out var errors);
            errors.ShouldAllBe(e => e.File == "fuzz.yml" && !e.Message.Contains('\n'));
        });
    }

    [Fact]
    public void Parse_WhenNestingIsDeep_ShouldReportErrorInsteadOfOverflowingTheStack()
    {
        // Given 100,000 nested flow sequences
        var yaml = "policies: " + new string('[', 100_000) + new string(']', 100_000);

        // When
        Parse(yaml, out var errors);

        // Then
        errors.ShouldHaveSingleItem().Message.ShouldBe("policy file nests deeper than 32 levels");
    }

    [Fact]
    public void Parse_WhenAliasBomb_ShouldReportError()
    {
        // Given a billion-laughs style file
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 0; i < 9; i++)
            lines.Add($"{(char)('b' + i)}: &{(char)('b' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i)}", 200))}]");

        // When
        Parse(string.Join("\n", lines), out var errors);

        // Then
        errors.ShouldHaveSingleItem().Message.ShouldBe("policy file uses more than 1000 aliases");
    }

    [Fact]
    public void Load_WhenFileIsLargerThanOneMebibyte_ShouldReportError()
    {
        // Given a 1 MiB + 1 byte file
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "#" + new string('x', (int)PolicyConfig.MaxFileBytes));

            // When
            PolicyConfig.Load(path, out var errors);

            // Then
            errors.ShouldHaveSingleItem().Message.ShouldContain("the limit is 1048576 (1 MiB)");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_WhenFileIsMissing_ShouldReportError()
    {
        // Given / When
        var config = PolicyConfig.Load("/nonexistent/.driftguard.yml", out var errors);

        // Then
        errors.ShouldHaveSingleItem().Message.ShouldBe("policy file not found");
        config.ShouldBe(PolicyConfig.Default);
    }

    [Fact]
    public void Load_WhenDocsExampleIsRead_ShouldBeValid()
    {
        // Given the example in docs/policy-file.md
        var docs = File.ReadAllText(Path.Combine(PolicyConventionTests.RepoRoot(), "docs", "policy-file.md"));
        var start = docs.IndexOf("```yaml\n", StringComparison.Ordinal) + 8;
        var yaml = docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)];

        // When
        var config = Parse(yaml, out var errors);

        // Then the documented example is a valid file
        errors.ShouldBeEmpty();
        config.Waivers.ShouldNotBeEmpty();
    }
}
