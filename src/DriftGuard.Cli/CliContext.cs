namespace DriftGuard.Cli;

/// <summary>
/// What a command may touch of the outside world: its output streams, environment and clock. Injected so tests
/// run commands in-process and assert the exit code and the output.
/// </summary>
/// <param name="Out">Standard output: reports only (with <c>--format json</c> exactly one JSON document).</param>
/// <param name="Error">Standard error: diagnostics, progress, annotations summary.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>Environment lookup (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY, AWS_ENDPOINT_URL, …).</summary>
    public Func<string, string?> GetEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Working directory: relative paths and repository-relative SARIF URIs start here.</summary>
    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Clock (waiver expiry, timestamps).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Print stack traces for unexpected errors.</summary>
    public bool Verbose { get; init; }

    /// <summary>Today's UTC date, for waiver expiry.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Resolves a user path against <see cref="CurrentDirectory"/>.</summary>
    public string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(CurrentDirectory, path));

    /// <summary>The console of this process.</summary>
    public static CliContext FromConsole() => new(Console.Out, Console.Error);
}
