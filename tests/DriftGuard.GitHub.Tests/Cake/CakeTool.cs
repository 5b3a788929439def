using System.Diagnostics;

namespace DriftGuard.GitHub.Tests.Cake;

/// <summary>Runs <c>dotnet cake</c> (cake.tool from .config/dotnet-tools.json) from the repository root.</summary>
internal static class CakeTool
{
    public sealed record Result(int ExitCode, string Output);

    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        var probe = Run(["--version"], TimeSpan.FromMinutes(1));
        return probe.ExitCode == 0 ? null : "dotnet cake is unavailable (run `dotnet tool restore`; .ci/run does): " + probe.Output.Trim().Split('\n')[0];
    });

    /// <summary>Null when <c>dotnet cake</c> runs; else why not.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    /// <summary>The CLI built beside the tests: the Cake scripts run it instead of rebuilding.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "driftguard.dll");

    public static Result Run(IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-cake", "--", .. args])
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        try
        {
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(4))) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Result(process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new Result(-1, ex.Message);
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when <c>dotnet cake</c> cannot run here.</summary>
public sealed class CakeFactAttribute : FactAttribute
{
    public CakeFactAttribute()
    {
        if (CakeTool.WhyUnavailable is { } why) Skip = why;
    }
}

/// <summary>
/// A Cake fact that needs the CLI's <c>check</c> command (being added beside this work); skipped, with the reason,
/// while the built CLI has none or <c>dotnet cake</c> cannot run.
/// </summary>
public sealed class CakeCheckFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> NoCheck = new(() =>
    {
        var psi = new ProcessStartInfo("dotnet", [CakeTool.CliDll, "check", "--help"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var help = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        // `driftguard check --help` prints the root help (exit 0) when there is no check command: look for its option.
        return process.ExitCode == 0 && help.Contains("--live-file", StringComparison.Ordinal) ? null : "the built CLI has no `check --live-file` command yet";
    });

    public CakeCheckFactAttribute()
    {
        if (CakeTool.WhyUnavailable is { } why) Skip = why;
        else if (NoCheck.Value is { } none) Skip = none;
    }
}
