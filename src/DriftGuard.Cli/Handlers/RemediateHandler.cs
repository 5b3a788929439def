using DriftGuard.Aws.Remediation;
using DriftGuard.Cli.Commands;
using DriftGuard.Core;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Remediation;

namespace DriftGuard.Cli.Handlers;

/// <summary>
/// Runs <c>driftguard remediate</c>: the check's analysis (<see cref="CheckHandler.AnalyzeAsync"/>), a plan
/// (<see cref="RemediationPlanner"/>), and with <c>--apply</c> the executor (<see cref="Ec2Remediator"/>), then the
/// report (text or JSON) and the audit log. Nothing is ever changed when the declared state failed to read (exit 2).
/// </summary>
internal sealed class RemediateHandler(CliContext context)
{
    /// <summary>Settings of <c>remediate</c> (and of the engine <c>check --remediate</c> and <c>demo</c> run).</summary>
    /// <param name="Check">The check's inputs and flags.</param>
    public sealed record RemediateSettings(CheckSettings Check)
    {
        public RemediationScope Scope { get; init; } = RemediationScope.Noncompliant;
        public bool Apply { get; init; }
        public int MaxChanges { get; init; } = 50;
        public string? AuditLog { get; init; }
    }

    /// <summary>Analyses, plans, applies when asked, reports; returns the exit code (see <see cref="RemediationExit"/>).</summary>
    public async Task<int> RunAsync(RemediateSettings settings, CancellationToken ct)
    {
        if (settings.Check.Targets.FirstOrDefault(t => t.Format is not ("text" or "json")) is { } bad)
            return GateCommand.Usage(context, $"remediate writes --format text or json, not '{bad.Format}'");
        if (settings.Apply && settings.Check.LiveFile is not null)
            return GateCommand.Usage(context, "--apply acts on what it reads from EC2; it cannot be combined with --live-file");
        if (settings.Apply && settings.Check.RoleArns.Count > 0)
            return GateCommand.Usage(context, "--apply acts with the ambient credentials; --role-arn is not supported yet");

        var check = await new CheckHandler(context).AnalyzeAsync(settings.Check, ct);
        if (check.Drift is null || check.Inputs is null)
        {
            // The declared state (or the live file) failed to read: never plan, never act.
            foreach (var e in check.Report.Errors) context.Error.WriteLine(e.ToCliLine("error"));
            return ExitCodes.UsageError;
        }
        var report = await RemediateAsync(check, settings, null, ct);
        return Publish(report, settings.Check.Targets) ? report.ExitCode : ExitCodes.UsageError;
    }

    /// <summary>Plans (and with <see cref="RemediateSettings.Apply"/> executes) the remediation of an analysed check; writes the audit log.</summary>
    /// <param name="check">A check outcome with a drift result.</param>
    /// <param name="settings">Scope, apply, limits.</param>
    /// <param name="executor">The executor; null: <see cref="Ec2Remediator"/> built from the check's endpoint and credentials.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<RemediationReport> RemediateAsync(CheckHandler.CheckOutcome check, RemediateSettings settings, IRemediationExecutor? executor,
                                                        CancellationToken ct)
    {
        var plan = RemediationPlanner.Plan(new RemediationRequest(check.Drift!, [.. check.Inputs!.Declared.Groups], check.Live)
        {
            Scope = settings.Scope,
            Threshold = settings.Check.FailOn,
            MaxChanges = settings.MaxChanges,
            Ignore = LoadIgnore(settings.Check),
            InputErrors = check.Inputs.Errors,
        });
        RemediationRun? run = null;
        if (settings.Apply && plan.CanApply && settings.AuditLog is not null &&
            AuditLog.CheckWritable(context.Resolve(settings.AuditLog)) is { } unwritable)
        {
            // Refuse before acting: every change must be audited.
            return new RemediationReport(plan, null)
            {
                Apply = settings.Apply, FailOn = settings.Check.FailOn, Alerts = check.Report.Alerts,
                Errors = [unwritable with { File = settings.AuditLog }], Refused = true, GeneratedAt = context.Clock.GetUtcNow(),
            };
        }
        if (settings.Apply && plan.CanApply)
        {
            executor ??= new Ec2Remediator(new Ec2RemediatorOptions
            {
                EndpointUrl = settings.Check.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL_EC2") ?? context.GetEnvironment("AWS_ENDPOINT_URL"),
                Credentials = settings.Check.Credentials,
                DefaultRegion = settings.Check.Regions.FirstOrDefault() ?? context.GetEnvironment("AWS_REGION") ?? context.GetEnvironment("AWS_DEFAULT_REGION") ?? "us-east-1",
                Clock = context.Clock,
            });
            run = await executor.ExecuteAsync(plan, ct);
        }
        var errors = new List<Diagnostic>();
        // The audit log first (local, synchronous), then the ledger: after Ctrl+C the process has a short grace period,
        // and a cancelled run is recorded too, so neither write takes the (cancelled) token.
        if (run is not null && settings.AuditLog is not null && run.Actions.Count > 0 &&
            AuditLog.Append(context.Resolve(settings.AuditLog), run.Actions) is { } auditError)
            errors.Add(auditError with { File = settings.AuditLog });
        if (run is not null && settings.Check.Ledger is not null &&
            await RecordInLedgerAsync(check, settings.Check, run, CancellationToken.None) is { } ledgerError)
            errors.Add(ledgerError);
        if (run?.Cancelled == true)
            errors.Add(new Diagnostic("remediate", 0, $"cancelled: stopped before the next change; the {run.Actions.Count(a => a.Outcome == "applied")} applied call(s) are in the report{(settings.AuditLog is null ? "" : " and the audit log")}"));
        return new RemediationReport(plan, run)
        {
            Apply = settings.Apply, FailOn = settings.Check.FailOn, Alerts = check.Report.Alerts, Errors = errors,
            GeneratedAt = context.Clock.GetUtcNow(),
        };
    }

    /// <summary>
    /// Records in the drift ledger which drifts DriftGuard remediated (when, by whom) and which it verified, so the
    /// incident report can give time to remediate. A ledger failure makes the run incomplete (exit 3), never undoes
    /// anything: the rules are already fixed.
    /// </summary>
    /// <returns>Null when recorded (or nothing to record), else the error.</returns>
    private async Task<Diagnostic?> RecordInLedgerAsync(CheckHandler.CheckOutcome check, CheckSettings settings, RemediationRun run, CancellationToken ct)
    {
        var store = new CheckHandler(context).OpenLedger(settings, settings.Regions.FirstOrDefault() ?? "us-east-1");
        if (store is null) return new Diagnostic(settings.Ledger!, 0, "remediation not recorded in the ledger: the ledger could not be opened");
        var ledger = new Core.Ledger.DriftLedger(store);
        try
        {
            foreach (var group in run.Groups.Where(g => g.Done.Count > 0))
            {
                var done = group.Done.Select(step => step.Rule.Key).ToHashSet();
                var drifts = check.Drift!.Drifts.Where(d => d.GroupId == group.GroupId && d.Rule is not null && done.Contains(d.Rule.Key)).ToList();
                if (drifts.Count == 0) continue;
                var at = run.Actions.Where(a => a.Group == group.GroupId && a.Outcome == "applied").Select(a => a.Time).DefaultIfEmpty(context.Clock.GetUtcNow()).Max();
                var ledgerRun = Core.Ledger.LedgerRun.Start("remediate", at, run.Principal, context.GetEnvironment("GITHUB_RUN_ID"));
                await ledger.RecordRemediatedAsync(drifts, ledgerRun, string.Join("; ", group.Done), ct);
                if (group.Status == GroupStatus.Verified)
                    await ledger.RecordVerifiedAsync(drifts, ledgerRun with { At = context.Clock.GetUtcNow() }, ct);
            }
        }
        catch (Core.Ledger.LedgerException ex)
        {
            return new Diagnostic(settings.Ledger!, 0, $"remediation not recorded in the ledger: {ex.Message}");
        }
        return null;
    }

    /// <summary>Writes the report as text or JSON to each target; false when a file could not be written.</summary>
    public bool Publish(RemediationReport report, IReadOnlyList<OutputTarget> targets)
    {
        foreach (var e in report.Errors) context.Error.WriteLine(e.ToCliLine("error"));
        var ok = true;
        foreach (var target in targets.Count == 0 ? [new OutputTarget("text", null)] : targets)
        {
            if (target.Path is null) { Write(report, target.Format, context.Out); continue; }
            try
            {
                var path = context.Resolve(target.Path);
                if (Path.GetDirectoryName(path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
                using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
                Write(report, target.Format, file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"error: {target.Path}: cannot write report: {ex.Message}");
                ok = false;
            }
        }
        return ok;
    }

    private static void Write(RemediationReport report, string format, TextWriter output)
    {
        if (format == "json") RemediationJson.Write(report, output);
        else RemediationTextWriter.Write(report, output);
        output.Flush();
    }

    private DriftIgnore LoadIgnore(CheckSettings settings)
    {
        var path = settings.IgnoreFile is not null ? context.Resolve(settings.IgnoreFile) : Path.Combine(context.CurrentDirectory, ".driftguardignore");
        return File.Exists(path) ? DriftIgnore.Load(path) : DriftIgnore.Empty;
    }
}
