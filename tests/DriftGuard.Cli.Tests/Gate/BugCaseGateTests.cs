using System.Text.Json;

namespace DriftGuard.Cli.Tests.Gate;

/// <summary>
/// Every case in ../shared/cases/bugs, checked against its expect.json (see that folder's README):
/// gate findings that must and must not exist.
/// </summary>
public class BugCaseGateTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(Repo.Cases, "bugs")).Order())
            if (File.Exists(Path.Combine(dir, "expect.json"))) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gate_WhenBugCaseDeclaredRead_ShouldMatchExpectations(string caseName)
    {
        // Given
        var dir = Path.Combine(Repo.Cases, "bugs", caseName);
        using var expect = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expect.json")));
        var declared = Path.Combine(dir, expect.RootElement.GetProperty("declared").GetString()!);
        if (!expect.RootElement.TryGetProperty("gate", out var gate)) return;
        // When
        var result = CliRunner.Run("gate", declared, "--format", "json", "--fail-on", "never");
        // Then
        var anyExit = gate.TryGetProperty("anyExit", out var a) && a.GetBoolean();
        if (!anyExit) result.ExitCode.ShouldBe(0, $"{caseName}: {result.Error}");
        var findings = result.Findings().ToList();
        if (gate.TryGetProperty("must", out var must))
            foreach (var m in must.EnumerateArray())
                findings.Any(f => Matches(f, m)).ShouldBeTrue($"{caseName}: no finding matches {m}; findings: {Describe(findings)}");
        if (gate.TryGetProperty("mustNot", out var mustNot))
            foreach (var m in mustNot.EnumerateArray())
                findings.Where(f => Matches(f, m)).ShouldBeEmpty($"{caseName}: forbidden finding for {m}");
    }

    private static bool Matches(JsonElement finding, JsonElement expected)
    {
        if (finding.GetProperty("waived").GetBoolean()) return false;
        if (expected.TryGetProperty("port", out var port) && !CoversTcpPort(finding, port.GetInt32())) return false;
        if (expected.TryGetProperty("source", out var source) && finding.GetProperty("source").GetString() != source.GetString()) return false;
        if (expected.TryGetProperty("minSeverity", out var min) && Rank(finding.GetProperty("severity").GetString()) < Rank(min.GetString())) return false;
        if (expected.TryGetProperty("resource", out var resources) &&
            !resources.EnumerateArray().Any(r => r.GetString() == finding.GetProperty("resource").GetString())) return false;
        return true;
    }

    private static bool CoversTcpPort(JsonElement f, int port)
    {
        var protocol = f.GetProperty("protocol").GetString();
        if (protocol == "all") return true;
        if (protocol != "tcp") return false;
        return f.GetProperty("fromPort").ValueKind == JsonValueKind.Number
            && f.GetProperty("fromPort").GetInt32() <= port && f.GetProperty("toPort").GetInt32() >= port;
    }

    private static int Rank(string? severity) => severity switch { "critical" => 4, "high" => 3, "medium" => 2, "low" => 1, _ => 0 };

    private static string Describe(IEnumerable<JsonElement> findings) =>
        string.Join("; ", findings.Select(f => $"{f.GetProperty("policyId")} {f.GetProperty("resource")} {f.GetProperty("protocol")} {f.GetProperty("fromPort")} {f.GetProperty("source")} {f.GetProperty("severity")}"));
}
