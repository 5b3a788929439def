using System.CommandLine;
using DriftGuard.Cli.Commands;
using DriftGuard.Core;

namespace DriftGuard.Cli;

/// <summary>The <c>driftguard</c> command line: builds the command tree and runs it with an injected context.</summary>
public static class DriftGuardApp
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("DriftGuard keeps AWS security groups equal to what Terraform and CloudFormation declare, and keeps noncompliant rules out of that code.")
        {
            GateCommand.Create(context),
            CheckCommand.Create(context),
            RemediateCommand.Create(context),
            DemoCommand.Create(context),
            SandboxCommand.Create(context),
            ReportCommand.Create(context),
            WatchCommand.Create(context),
        };
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken ct = default)
    {
        var verbose = args.Contains("--verbose");
        context = context with { Verbose = verbose };
        var filtered = args.Where(a => a != "--verbose").ToArray();
        var root = BuildRoot(context);
        var parse = root.Parse(filtered);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) context.Error.WriteLine($"error: {e.Message}");
            context.Error.WriteLine("Run 'driftguard --help' for usage.");
            return ExitCodes.UsageError;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("error: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            context.Error.WriteLine($"error: internal error: {ex.GetType().Name}: {ex.Message}");
            if (verbose) context.Error.WriteLine(ex.ToString());
            return ExitCodes.UsageError;
        }
    }
}
