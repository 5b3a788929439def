// DriftGuard recipe for Cake scripts (https://cakebuild.net/docs/writing-builds/preprocessor-directives/load).
//
//   #load "build/driftguard.cake"
//   Task("Gate").Does(() => DriftGuardGate(new DriftGuardSettings { Paths = { "infra/plan.json" } }));
//   Task("Drift").Does(() => DriftGuardCheck(new DriftGuardSettings { Paths = { "infra/terraform.tfstate" }, Regions = { "eu-west-1" } }));
//
// Both run the driftguard CLI, print its text report, and throw CakeException with a one-paragraph summary when it
// finds something at or above FailOn (exit code 1) or cannot run (exit code 2 or 3), so the build fails.
// Exit codes: docs in src/DriftGuard.Core/ExitCodes.cs; JSON report: docs/json-report.md.
using System.Text.Json;

/// <summary>Settings of DriftGuardGate and DriftGuardCheck.</summary>
public class DriftGuardSettings
{
    /// <summary>gate: plans, templates, Terraform JSON or directories; check: declared state (each becomes --iac).</summary>
    public List<string> Paths { get; set; } = new List<string>();
    /// <summary>Policy file (--policy); null: ./.driftguard.yml when present.</summary>
    public string Policy { get; set; }
    /// <summary>CloudFormation parameter file (--parameters).</summary>
    public string Parameters { get; set; }
    /// <summary>Lowest failing severity: critical, high, medium, low or never.</summary>
    public string FailOn { get; set; } = "high";
    /// <summary>check: recorded `aws ec2 describe-security-groups` output instead of calling AWS (--live-file).</summary>
    public string LiveFile { get; set; }
    /// <summary>check: AWS regions (--region, repeated).</summary>
    public List<string> Regions { get; set; } = new List<string>();
    /// <summary>check: role to assume (--role-arn).</summary>
    public string RoleArn { get; set; }
    /// <summary>The tool: a driftguard.dll (run with dotnet) or executable. Null: DRIFTGUARD_CLI, else `dotnet tool run driftguard`.</summary>
    public string ToolPath { get; set; }
    /// <summary>Directory the tool runs in (relative paths start here). Null: Cake's working directory.</summary>
    public string WorkingDirectory { get; set; }
    /// <summary>Where the JSON report is kept. Null: a temporary file, deleted afterwards.</summary>
    public string JsonReport { get; set; }
    /// <summary>Further arguments, passed as they are (each one argument).</summary>
    public List<string> ExtraArguments { get; set; } = new List<string>();
}

/// <summary>What a passing run found (a failing run throws).</summary>
public class DriftGuardResult
{
    public int ExitCode { get; set; }
    public int Findings { get; set; }
    public int Failed { get; set; }
    public int Drifts { get; set; }
    public string Summary { get; set; }
}

/// <summary>Runs `driftguard gate`; throws CakeException when a finding reaches FailOn or the gate cannot run.</summary>
public DriftGuardResult DriftGuardGate(DriftGuardSettings settings) => RunDriftGuard("gate", settings);

/// <summary>Runs `driftguard check`; throws CakeException on drift or findings at FailOn, or when the check cannot run.</summary>
public DriftGuardResult DriftGuardCheck(DriftGuardSettings settings) => RunDriftGuard("check", settings);

private DriftGuardResult RunDriftGuard(string command, DriftGuardSettings settings)
{
    if (settings == null) throw new ArgumentNullException(nameof(settings));
    if (settings.Paths.Count == 0) throw new CakeException($"DriftGuard {command}: no paths given (DriftGuardSettings.Paths)");

    var args = new ProcessArgumentBuilder();
    var tool = settings.ToolPath ?? Context.Environment.GetEnvironmentVariable("DRIFTGUARD_CLI");
    FilePath exe;
    if (string.IsNullOrEmpty(tool)) { exe = "dotnet"; args.Append("tool").Append("run").Append("driftguard").Append("--"); }
    else if (tool.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) { exe = "dotnet"; args.AppendQuoted(tool); }
    else exe = tool;

    args.Append(command);
    foreach (var path in settings.Paths)
    {
        if (command == "gate") args.AppendQuoted(path);
        else args.Append("--iac").AppendQuoted(path);
    }
    if (!string.IsNullOrEmpty(settings.LiveFile)) args.Append("--live-file").AppendQuoted(settings.LiveFile);
    foreach (var region in settings.Regions) args.Append("--region").AppendQuoted(region);
    if (!string.IsNullOrEmpty(settings.RoleArn)) args.Append("--role-arn").AppendQuoted(settings.RoleArn);
    if (!string.IsNullOrEmpty(settings.Policy)) args.Append("--policy").AppendQuoted(settings.Policy);
    if (!string.IsNullOrEmpty(settings.Parameters)) args.Append("--parameters").AppendQuoted(settings.Parameters);
    if (!string.IsNullOrEmpty(settings.FailOn)) args.Append("--fail-on").AppendQuoted(settings.FailOn);
    foreach (var extra in settings.ExtraArguments) args.AppendQuoted(extra);

    var keep = !string.IsNullOrEmpty(settings.JsonReport);
    var json = keep ? MakeAbsolute(File(settings.JsonReport)).FullPath : System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"driftguard-{Guid.NewGuid():N}.json");
    args.Append("--format").Append("json").Append("--output").AppendQuoted(json).Append("--format").Append("text");

    var processSettings = new ProcessSettings { Arguments = args, RedirectStandardError = true };
    if (!string.IsNullOrEmpty(settings.WorkingDirectory)) processSettings.WorkingDirectory = settings.WorkingDirectory;
    Information($"DriftGuard: {exe} {args.RenderSafe()}");
    int exit;
    IEnumerable<string> stderr;
    using (var process = Context.ProcessRunner.Start(exe, processSettings))
    {
        stderr = process.GetStandardError()?.ToList() ?? new List<string>();
        process.WaitForExit();
        exit = process.GetExitCode();
    }
    foreach (var line in stderr) Warning(line);

    var result = new DriftGuardResult { ExitCode = exit, Summary = $"DriftGuard {command}: exit code {exit}" };
    try
    {
        if (System.IO.File.Exists(json)) result = DriftGuardSummarize(command, exit, System.IO.File.ReadAllText(json));
    }
    finally
    {
        if (!keep && System.IO.File.Exists(json)) System.IO.File.Delete(json);
    }

    if (exit == 0) { Information(result.Summary); return result; }
    if (exit == 1) throw new CakeException(result.Summary);
    var why = string.Join(" ", stderr.Where(l => l.StartsWith("error", StringComparison.Ordinal)).Take(5));
    throw new CakeException($"DriftGuard {command} could not run (exit code {exit}: {(exit == 3 ? "incomplete" : "usage or input error")}). {why}".Trim());
}

/// <summary>Reads the JSON report (docs/json-report.md) into counts and one summary paragraph naming what failed.</summary>
private static DriftGuardResult DriftGuardSummarize(string command, int exit, string jsonText)
{
    using var doc = JsonDocument.Parse(jsonText);
    var root = doc.RootElement;
    var summary = root.GetProperty("summary");
    var result = new DriftGuardResult
    {
        ExitCode = exit,
        Findings = summary.GetProperty("findings").GetInt32() - summary.GetProperty("waived").GetInt32(),
        Failed = summary.GetProperty("failed").GetInt32(),
        Drifts = summary.GetProperty("drifts").GetInt32(),
    };
    var lines = new List<string>();
    foreach (var f in root.GetProperty("findings").EnumerateArray())
    {
        if (f.GetProperty("waived").GetBoolean()) continue;
        var file = f.TryGetProperty("file", out var fe) && fe.ValueKind == JsonValueKind.String ? $" ({fe.GetString()}:{f.GetProperty("line").GetInt32()})" : "";
        lines.Add($"{f.GetProperty("policyId").GetString()} {f.GetProperty("severity").GetString()} {f.GetProperty("resource").GetString()}{file}");
    }
    foreach (var d in root.GetProperty("drifts").EnumerateArray())
    {
        if (d.TryGetProperty("accepted", out var a) && a.ValueKind == JsonValueKind.True) continue;
        var kind = d.TryGetProperty("kind", out var k) ? k.GetString() : "drift";
        var group = d.TryGetProperty("groupId", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : "";
        string Text(string name) => d.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;
        var rule = Text("direction") == null ? "" : $" {Text("direction")} {Text("protocol")}/{Text("fromPort") ?? "all"} {Text("source")}";
        var policies = d.TryGetProperty("findings", out var fs) && fs.ValueKind == JsonValueKind.Array
            ? string.Join(", ", fs.EnumerateArray().Where(x => !x.GetProperty("waived").GetBoolean()).Select(x => x.GetProperty("policyId").GetString()))
            : "";
        lines.Add($"{kind} {group}{rule}".Trim() + (policies.Length > 0 ? $" ({policies})" : ""));
    }
    var shown = lines.Take(10).ToList();
    var more = lines.Count > shown.Count ? $"; and {lines.Count - shown.Count} more" : "";
    var verdict = exit == 0 ? "passed" : "failed";
    result.Summary = $"DriftGuard {command} {verdict}: {result.Failed} failed finding(s) at or above {summary.GetProperty("failOn").GetString()}, " +
                     $"{result.Findings} unwaived finding(s), {result.Drifts} drift(s)" + (shown.Count > 0 ? ": " + string.Join("; ", shown) + more : "") + ".";
    return result;
}
