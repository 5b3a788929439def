using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DriftGuard.GitHub.Tests.Action;

/// <summary>
/// Runs the composite action's <c>run:</c> steps with bash the way a runner does (<c>bash --noprofile --norc -eo
/// pipefail FILE</c>) in a temporary GitHub-like environment: GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH
/// files, GITHUB_ACTION_PATH = the repository root, RUNNER_TEMP. Inputs reach a step only through the <c>env:</c>
/// mapping action.yml declares; <c>uses:</c> steps (setup-dotnet) are skipped; the tool is the CLI built beside the
/// tests (DRIFTGUARD_CLI), so nothing is rebuilt.
/// </summary>
internal sealed partial class ActionRunner : IDisposable
{
    public const string DefaultToken = "ghs_default_token";
    private readonly ActionDefinition _action = new();

    public string Temp { get; } = Directory.CreateTempSubdirectory("dg-action-").FullName;
    public string OutputFile => Path.Combine(Temp, "github_output");
    public string SummaryFile => Path.Combine(Temp, "step_summary.md");
    public string EventFile => Path.Combine(Temp, "event.json");
    public Dictionary<string, string> ExtraEnvironment { get; } = new();

    public sealed record Result(int ExitCode, string Log, IReadOnlyDictionary<string, string> Outputs, string Summary);

    public void Dispose() => Directory.Delete(Temp, recursive: true);

    public Result Run(IDictionary<string, string> with)
    {
        var unknown = with.Keys.Except(_action.InputDefaults.Keys).ToList();
        if (unknown.Count > 0) throw new ArgumentException("not an input of action.yml: " + string.Join(", ", unknown));
        var inputs = _action.InputDefaults.ToDictionary(kv => kv.Key,
            kv => with.TryGetValue(kv.Key, out var v) ? v : kv.Value == "${{ github.token }}" ? DefaultToken : kv.Value ?? "");
        if (!File.Exists(EventFile)) File.WriteAllText(EventFile, """{"ref":"refs/heads/main"}""");

        var log = new System.Text.StringBuilder();
        var exit = 0;
        foreach (var step in _action.Steps.Where(s => s.ContainsKey("run")))
        {
            step.Text("shell").ShouldBe("bash");
            exit = RunStep(step, inputs, log);
            if (exit != 0) break;
        }

        var stepOutputs = File.Exists(OutputFile)
            ? File.ReadAllLines(OutputFile).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1])
            : [];
        var outputs = _action.Outputs.ToDictionary(kv => kv.Key,
            kv => StepOutput().Match(kv.Value) is { Success: true } m && stepOutputs.TryGetValue(m.Groups[1].Value, out var v) ? v : "");
        return new Result(exit, log.ToString(), outputs, File.Exists(SummaryFile) ? File.ReadAllText(SummaryFile) : "");
    }

    private int RunStep(Dictionary<object, object> step, Dictionary<string, string> inputs, System.Text.StringBuilder log)
    {
        var script = Path.Combine(Temp, $"step-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, step.Text("run"));
        var psi = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", script])
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("INPUT_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(name);
        psi.Environment["GITHUB_ACTIONS"] = "true";
        psi.Environment["GITHUB_ACTION_PATH"] = Repo.Root;
        psi.Environment["GITHUB_WORKSPACE"] = Repo.Root;
        psi.Environment["GITHUB_OUTPUT"] = OutputFile;
        psi.Environment["GITHUB_STEP_SUMMARY"] = SummaryFile;
        psi.Environment["GITHUB_EVENT_PATH"] = EventFile;
        psi.Environment["GITHUB_REPOSITORY"] = "octo-org/infra";
        psi.Environment["RUNNER_TEMP"] = Temp;
        psi.Environment["DRIFTGUARD_CLI"] = Path.Combine(AppContext.BaseDirectory, "driftguard.dll");
        foreach (var (name, value) in ExtraEnvironment) psi.Environment[name] = value;
        foreach (var (key, value) in step["env"].Map())
        {
            var text = value as string ?? "";
            psi.Environment[(string)key] = Yaml.InputReference(text) is { } input ? inputs[input] : text;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        log.Append(stdout.Result).Append(stderr.Result);
        return process.ExitCode;
    }

    [GeneratedRegex(@"^\$\{\{\s*steps\.run\.outputs\.([A-Za-z0-9_-]+)\s*\}\}$")]
    private static partial Regex StepOutput();
}
