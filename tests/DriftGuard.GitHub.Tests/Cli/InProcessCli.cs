using DriftGuard.Cli;

namespace DriftGuard.GitHub.Tests.Cli;

/// <summary>Runs the real <c>driftguard</c> command line in-process from the repository root with a given environment.</summary>
internal static class InProcessCli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(IDictionary<string, string?> env, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr)
        {
            CurrentDirectory = Repo.Root,
            GetEnvironment = name => env.TryGetValue(name, out var v) ? v : null,
        };
        var code = DriftGuardApp.RunAsync(args, context).GetAwaiter().GetResult();
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
