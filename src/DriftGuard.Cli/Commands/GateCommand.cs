using System.CommandLine;
using DriftGuard.Cli.GitHub;
using DriftGuard.Cli.Handlers;
using DriftGuard.Core;
using DriftGuard.GitHub.PullRequests;

namespace DriftGuard.Cli.Commands;

/// <summary>Settings of <c>driftguard gate</c>, built from the command line.</summary>
/// <param name="Paths">Files or directories (recursive).</param>
/// <param name="PolicyFile">Policy file, or null for the default.</param>
/// <param name="ParametersFile">CloudFormation parameter file, or null.</param>
/// <param name="FailOn">Lowest failing severity.</param>
/// <param name="Targets">Reports to write.</param>
public sealed record GateSettings(IReadOnlyList<string> Paths, string? PolicyFile, string? ParametersFile,
                                  Core.Model.Severity FailOn, IReadOnlyList<OutputTarget> Targets)
{
    /// <summary>Pull request to post the sticky comment on (<c>--github-comment</c>), or null.</summary>
    public GitHubCommentFlags? GitHubComment { get; init; }
}

/// <summary><c>driftguard gate PATH...</c>: block plans and templates that would introduce noncompliant rules.</summary>
internal static class GateCommand
{
    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.RejectEmptyPaths(new Argument<string[]>("PATH")
        {
            Description = "Terraform plan/state JSON, Terraform JSON (*.tf.json, cdk.tf.json) or CloudFormation templates; directories are searched recursively (files ending .json, .yaml, .yml, .template or .tfstate).",
            Arity = ArgumentArity.OneOrMore,
        });
        var policy = CommonOptions.Policy();
        var parameters = CommonOptions.Parameters();
        var failOn = CommonOptions.FailOn();
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("gate", "Evaluate plans and templates against the policy catalogue; exit 1 on findings at or above --fail-on.")
        {
            paths, policy, parameters, failOn, format, output,
        };
        var gitHub = new GitHubCommentOptions();
        gitHub.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            if (!CommonOptions.TryFailOn(parse.GetValue(failOn), out var threshold, out var err))
                return Task.FromResult(Usage(context, err!));
            var targets = OutputTargets.Pair(parse.GetValue(format) ?? [], parse.GetValue(output) ?? [], out err);
            if (err is not null) return Task.FromResult(Usage(context, err));
            var settings = new GateSettings(parse.GetValue(paths) ?? [], parse.GetValue(policy), parse.GetValue(parameters), threshold, targets)
            {
                GitHubComment = gitHub.Read(parse),
            };
            return Task.FromResult(new GateHandler(context).Run(settings));
        });
        return command;
    }

    internal static int Usage(CliContext context, string message)
    {
        context.Error.WriteLine($"error: {message}");
        return ExitCodes.UsageError;
    }
}
