using DriftGuard.Cli.Commands;
using DriftGuard.Core;
using DriftGuard.Core.Policy;
using DriftGuard.Core.Reports;

namespace DriftGuard.Cli.Handlers;

/// <summary>Runs <c>driftguard gate</c>: read IaC, evaluate the policy catalogue, report, and choose the exit code.</summary>
internal sealed class GateHandler(CliContext context)
{
    /// <summary>Runs the gate; returns 0 (no finding at or above --fail-on), 1 (findings) or 2 (usage or input error; wins over 1).</summary>
    public int Run(GateSettings settings)
    {
        if (ReportPublisher.CheckFormats(settings.Targets) is { } formatError)
            return GateCommand.Usage(context, formatError);

        var inputs = DeclaredInputs.Load(context, settings.Paths, settings.PolicyFile, settings.ParametersFile);
        var groups = inputs.Declared.Groups.ToList();
        var evaluation = inputs.CreatePolicyEngine(context.Today).Evaluate(groups);
        var errors = inputs.Errors;

        var exit = ExitCodes.Ok;
        if (evaluation.Findings.Any(f => f.Fails(settings.FailOn))) exit = ExitCodes.Findings;
        if (errors.Count > 0) exit = ExitCodes.Combine(exit, ExitCodes.UsageError);

        var report = new ScanReport("gate")
        {
            Inputs = inputs.Declared.Documents.Select(d => d.File).ToList(),
            Groups = groups,
            Findings = evaluation.Findings,
            Warnings = [.. inputs.Declared.Warnings, .. evaluation.Warnings],
            Errors = errors,
            Skipped = inputs.Declared.Skipped,
            FailOn = settings.FailOn,
            ExitCode = exit,
            GeneratedAt = context.Clock.GetUtcNow(),
        };
        if (!new ReportPublisher(context).Publish(report, settings.Targets, settings.GitHubComment)) exit = ExitCodes.UsageError;
        return exit;
    }
}
