using System.Text.RegularExpressions;

namespace DriftGuard.Core.Incidents;

/// <summary>
/// Decides whether the gate is enabled for the repository holding an IaC file: walks up from the file to the
/// folder that holds <c>.git</c>, then reads every <c>.github/workflows/*.yml|*.yaml</c>. A workflow enables the gate
/// when it runs DriftGuard's <c>gate</c> command (<c>driftguard gate</c>, <c>dotnet driftguard gate</c>, or
/// <c>dotnet run --project …DriftGuard.Cli… -- gate</c>) or uses the DriftGuard action (<c>uses: …driftguard…</c>),
/// and is triggered by <c>pull_request</c> (or <c>pull_request_target</c>). Workflow syntax:
/// https://docs.github.com/actions/using-workflows/workflow-syntax-for-github-actions.
/// </summary>
public static partial class GateWorkflowDetector
{
    /// <summary>Detects for <paramref name="iacFile"/> (absolute, or relative to <paramref name="baseDir"/>); never throws for I/O errors.</summary>
    public static GateStatus Detect(string? iacFile, string baseDir)
    {
        if (string.IsNullOrEmpty(iacFile))
            return new GateStatus(null, "no IaC file declares this group, so there is no repository to look in");
        var path = Path.IsPathRooted(iacFile) ? iacFile : Path.GetFullPath(Path.Combine(baseDir, iacFile));
        if (!File.Exists(path))
            return new GateStatus(null, $"{iacFile} is not on this machine, so its repository's workflows could not be read");
        var root = RepositoryRoot(Path.GetDirectoryName(path)!);
        if (root is null)
            return new GateStatus(null, $"{iacFile} is not inside a git repository (no .git above it)");
        var workflows = Path.Combine(root, ".github", "workflows");
        var files = Directory.Exists(workflows)
            ? Directory.EnumerateFiles(workflows).Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
            : [];
        string? gateOnlyElsewhere = null;
        foreach (var f in files)
        {
            string text;
            try { text = File.ReadAllText(f); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }
            var name = Path.GetRelativePath(root, f).Replace('\\', '/');
            var runsGate = RunsGate(text);
            if (runsGate is null) continue;
            if (PullRequestTrigger().IsMatch(text))
                return new GateStatus(true, $"{name} {runsGate} on pull_request (found by reading the workflows of the repository holding {iacFile})");
            gateOnlyElsewhere ??= $"{name} {runsGate} but is not triggered by pull_request";
        }
        if (gateOnlyElsewhere is not null) return new GateStatus(false, gateOnlyElsewhere);
        return new GateStatus(false, files.Count == 0
            ? $"the repository holding {iacFile} has no workflow under .github/workflows"
            : $"none of the {files.Count} workflow(s) under .github/workflows of the repository holding {iacFile} runs driftguard gate or uses the DriftGuard action");
    }

    /// <summary>What in a workflow runs the gate (<c>runs driftguard gate</c>, <c>uses the DriftGuard action</c>), or null.</summary>
    public static string? RunsGate(string workflowText)
    {
        foreach (var line in workflowText.Split('\n'))
        {
            var l = line.Trim();
            if (l.StartsWith('#')) continue;
            if (UsesAction().Match(l) is { Success: true } u) return $"uses the DriftGuard action ({u.Groups[1].Value})";
            if (GateCommand().IsMatch(l)) return "runs driftguard gate";
        }
        return null;
    }

    private static string? RepositoryRoot(string dir)
    {
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git"))) return d.FullName;
        return null;
    }

    [GeneratedRegex(@"^-?\s*uses:\s*['""]?([^\s'""#]*driftguard[^\s'""#]*)", RegexOptions.IgnoreCase)]
    private static partial Regex UsesAction();

    [GeneratedRegex(@"driftguard\S*(\s+\S+)*?\s+gate(\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex GateCommand();

    [GeneratedRegex(@"(^|[\s\[,{])pull_request(_target)?\s*(:|,|\]|$)", RegexOptions.Multiline)]
    private static partial Regex PullRequestTrigger();
}
