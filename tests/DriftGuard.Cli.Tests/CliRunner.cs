using System.Text.Json;

namespace DriftGuard.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output, as a user would from the repository root.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public JsonDocument Json() => JsonDocument.Parse(Out);
        public IEnumerable<JsonElement> Findings() => Json().RootElement.GetProperty("findings").EnumerateArray();
    }

    public static Result Run(params string[] args) => RunIn(null, null, args);

    /// <summary>Starts a long-running command (sandbox, watch) on a worker thread; cancel <paramref name="ct"/> to stop it.</summary>
    public static Task<Result> Start(CancellationToken ct, params string[] args) => Task.Run(async () =>
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr) { CurrentDirectory = Repo.Root, GetEnvironment = _ => null };
        var code = await DriftGuardApp.RunAsync(args, context, ct);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }, CancellationToken.None);

    public static Result RunIn(string? cwd, IDictionary<string, string?>? env, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr)
        {
            CurrentDirectory = cwd ?? Repo.Root,
            GetEnvironment = name => env is not null && env.TryGetValue(name, out var v) ? v : null,
        };
        var code = DriftGuardApp.RunAsync(args, context).GetAwaiter().GetResult();
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
