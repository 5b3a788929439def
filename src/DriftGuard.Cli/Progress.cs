using Spectre.Console;

namespace DriftGuard.Cli;

/// <summary>
/// A spinner on standard error for long scans, shown only to a person at a terminal: silent when standard error is
/// redirected, under CI (<c>CI</c> or <c>GITHUB_ACTIONS</c> set), or when the command runs in-process (tests).
/// </summary>
internal static class Progress
{
    /// <summary>Runs <paramref name="work"/>, showing <paramref name="status"/> while it runs when a person can see it.</summary>
    public static async Task<T> ShowAsync<T>(CliContext context, string status, Func<Task<T>> work)
    {
        var interactive = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected
            && string.IsNullOrEmpty(context.GetEnvironment("CI")) && string.IsNullOrEmpty(context.GetEnvironment("GITHUB_ACTIONS"));
        if (!interactive) return await work();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(status), _ => work());
    }
}
