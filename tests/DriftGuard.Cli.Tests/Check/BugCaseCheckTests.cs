using System.Text.Json;

namespace DriftGuard.Cli.Tests.Check;

/// <summary>
/// Every bug case with a live side: <c>check --iac declared --live-file live.json --format json</c> gives exactly the
/// drifts of its expect.json (<c>[kind, protocol, fromPort, source]</c>; description-only <c>changed</c> drifts are
/// compared only where listed).
/// </summary>
public class BugCaseCheckTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(Repo.Cases, "bugs")).Order())
        {
            var expect = Path.Combine(dir, "expect.json");
            if (File.Exists(expect) && File.Exists(Path.Combine(dir, "live.json")) && File.ReadAllText(expect).Contains("\"check\""))
                data.Add(Path.GetFileName(dir));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_WhenBugCaseLiveFileRead_ShouldReportExactlyTheExpectedDrifts(string caseName)
    {
        // Given
        var dir = Path.Combine(Repo.Cases, "bugs", caseName);
        using var expect = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expect.json")));
        var check = expect.RootElement.GetProperty("check");
        var args = new List<string> { "check", "--iac", Path.Combine(dir, expect.RootElement.GetProperty("declared").GetString()!),
                                      "--live-file", Path.Combine(dir, "live.json"), "--format", "json", "--fail-on", "never" };
        if (check.TryGetProperty("stack", out var stack)) args.AddRange(["--stack", stack.GetString()!]);
        if (check.TryGetProperty("stackResources", out var sr)) args.AddRange(["--stack-resources", Path.Combine(dir, sr.GetString()!)]);
        var expected = check.GetProperty("drifts").EnumerateArray().Select(Key).Order().ToList();
        var listsChanged = expected.Any(e => e.StartsWith("changed|", StringComparison.Ordinal));
        // check reads a plan's prior_state: a plan without one declares nothing to compare, which is an alert (exit 3), not a pass
        var declared = File.ReadAllText(args[2]);
        var comparesNothing = declared.Contains("\"planned_values\"", StringComparison.Ordinal) && !declared.Contains("\"prior_state\"", StringComparison.Ordinal);
        // When
        var result = CliRunner.Run([.. args]);
        // Then
        result.ExitCode.ShouldBe(comparesNothing ? 3 : 0, result.Error);
        if (comparesNothing)
            result.Json().RootElement.GetProperty("alerts").EnumerateArray().ShouldHaveSingleItem()
                .GetProperty("message").GetString()!.ShouldStartWith("the declared inputs hold no security group");
        var actual = result.Json().RootElement.GetProperty("drifts").EnumerateArray()
            .Select(d => $"{d.GetProperty("kind").GetString()}|{d.GetProperty("protocol")}|{Port(d.GetProperty("fromPort"))}|{d.GetProperty("source")}")
            .Where(k => listsChanged || !k.StartsWith("changed|", StringComparison.Ordinal))
            .Order().ToList();
        actual.ShouldBe(expected, $"{caseName}: {result.Out}");
    }

    private static string Key(JsonElement e)
    {
        var a = e.EnumerateArray().ToList();
        return $"{a[0].GetString()}|{a[1].GetString()}|{Port(a[2])}|{a[3].GetString()}";
    }

    private static string Port(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetInt32().ToString() : "null";
}
