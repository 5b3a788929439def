using DriftGuard.Aws.CloudTrail;
using DriftGuard.Aws.Ledger;
using DriftGuard.Aws.Live;
using DriftGuard.Aws.State;
using DriftGuard.Cli.Commands;
using DriftGuard.Core;
using DriftGuard.Core.Declared;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Ledger;
using DriftGuard.Core.Live;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;

namespace DriftGuard.Cli.Handlers;

/// <summary>
/// Runs <c>driftguard check</c>: read the declared state (stopping with exit 2 before any live call if it fails),
/// read the live groups (API or <c>--live-file</c>), diff, judge each drift with the policy catalogue, report.
/// </summary>
internal sealed class CheckHandler(CliContext context)
{
    /// <summary>What a check found, for commands that build on it (remediate, demo, watch).</summary>
    public sealed record CheckOutcome(int ExitCode, ScanReport Report, DeclaredInputs? Inputs, DriftResult? Drift,
                                      IReadOnlyList<SecurityGroup> Live);

    /// <summary>Runs the check and publishes the report; returns the exit code (2 &gt; 1 &gt; 3 &gt; 0).</summary>
    public async Task<int> RunAsync(CheckSettings settings, CancellationToken ct)
    {
        var outcome = await AnalyzeAsync(settings, ct);
        if (outcome.ExitCode == ExitCodes.UsageError && outcome.Inputs is null) return outcome.ExitCode;
        var exit = outcome.ExitCode;
        if (!new ReportPublisher(context).Publish(outcome.Report, settings.Targets, settings.GitHubComment)) exit = ExitCodes.UsageError;
        // --open-pr: after the report, never changing the exit code (a refused token is a warning).
        if (settings.OpenPullRequests is { } openPr && outcome.Drift is not null)
            await new GitHub.DriftPullRequestOpener(context).OpenAsync(outcome.Drift.Drifts, settings.FailOn, openPr, ct);
        if (settings.Remediate == Core.Remediation.RemediationScope.None || outcome.Drift is null || exit == ExitCodes.UsageError) return exit;
        // --remediate: the remediate engine acts on this analysis; its summary goes to stderr so stdout keeps one report.
        var remediation = new RemediateHandler(context);
        var result = await remediation.RemediateAsync(outcome, new RemediateHandler.RemediateSettings(settings) { Scope = settings.Remediate, Apply = true }, null, ct);
        foreach (var e in result.Errors) context.Error.WriteLine(e.ToCliLine("error"));
        Core.Remediation.RemediationTextWriter.Write(result, context.Error);
        return result.ExitCode;
    }

    /// <summary>Reads both sides and diffs them without publishing.</summary>
    public async Task<CheckOutcome> AnalyzeAsync(CheckSettings settings, CancellationToken ct)
    {
        if (ReportPublisher.CheckFormats(settings.Targets) is { } formatError)
            return Fail(formatError);

        var iacPaths = new List<string>();
        var fetchErrors = new List<Diagnostic>();
        // A downloaded state is shown as its s3:// URI, never as the temporary copy.
        var s3Names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in settings.Iac)
        {
            if (!p.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) { iacPaths.Add(p); continue; }
            var fetched = await S3StateFetcher.FetchAsync(p, ResolveEndpoint(settings, "S3"), RegionOf(settings), ct, settings.Credentials);
            if (fetched.Error is not null) fetchErrors.Add(new Diagnostic(p, 0, fetched.Error));
            else
            {
                iacPaths.Add(fetched.LocalPath!);
                s3Names[fetched.LocalPath!] = p;
            }
        }

        var inputs = DeclaredInputs.Load(context, iacPaths, settings.PolicyFile, settings.ParametersFile, planPriorState: true, s3Names);
        // The copy has been read (a state may hold secrets): do not leave it in the temp folder.
        foreach (var local in s3Names.Keys) S3StateFetcher.DeleteLocalCopy(local);
        var errors = new List<Diagnostic>(fetchErrors);
        errors.AddRange(inputs.Errors);

        var driftOptions = new DriftOptions { StackName = settings.Stack };
        if (settings.StackResources is not null)
        {
            var stack = StackResourcesParser.Parse(context.Resolve(settings.StackResources));
            errors.AddRange(stack.Errors);
            driftOptions = driftOptions with { StackResources = stack.PhysicalIds, StackName = settings.Stack ?? stack.StackName };
        }
        var ignorePath = settings.IgnoreFile is not null ? context.Resolve(settings.IgnoreFile) : Path.Combine(context.CurrentDirectory, ".driftguardignore");
        if (settings.IgnoreFile is not null && !File.Exists(ignorePath)) errors.Add(new Diagnostic(settings.IgnoreFile, 0, "ignore file not found"));
        else if (File.Exists(ignorePath))
        {
            var ignore = DriftIgnore.Load(ignorePath);
            errors.AddRange(ignore.Errors);
            driftOptions = driftOptions with { Ignore = ignore };
        }
        if (settings.Baseline is not null)
        {
            var path = context.Resolve(settings.Baseline);
            if (!File.Exists(path)) errors.Add(new Diagnostic(settings.Baseline, 0, "baseline file not found"));
            else
            {
                var baseline = Baseline.Load(path);
                errors.AddRange(baseline.Errors);
                driftOptions = driftOptions with { Baseline = baseline };
            }
        }
        var declaredGroups = inputs.Declared.Groups.ToList();
        if (errors.Count == 0 && declaredGroups.Count == 0 && inputs.Declared.Documents.Count == 0)
            errors.Add(new Diagnostic(string.Join(" ", settings.Iac), 0, "no declared state found (no Terraform state or plan, or CloudFormation template)"));

        // A declared state that failed to read stops the run before any live call: nothing live is judged against it.
        if (errors.Count > 0)
        {
            var failed = BaseReport(inputs, declaredGroups) with { Errors = errors, ExitCode = ExitCodes.UsageError, FailOn = settings.FailOn };
            return new CheckOutcome(ExitCodes.UsageError, failed, inputs, null, []);
        }

        var (live, alerts, liveErrors, regions, complete) = await ReadLiveAsync(settings, ct);
        if (liveErrors.Count > 0)
        {
            var failed = BaseReport(inputs, declaredGroups) with { Errors = liveErrors, ExitCode = ExitCodes.UsageError, FailOn = settings.FailOn };
            return new CheckOutcome(ExitCodes.UsageError, failed, inputs, null, live);
        }

        var engine = inputs.CreatePolicyEngine(context.Today);
        driftOptions = driftOptions with
        {
            VpcIds = settings.VpcIds,
            AllVpcs = settings.AllVpcs,
            EvaluateRule = engine.EvaluateRule,
            Region = regions.Count == 1 ? regions[0] : null,
            // A region that could not be read must not turn its declared groups into missing-group drift.
            LiveComplete = complete,
        };
        var drift = new DriftAnalyzer().Analyze(declaredGroups, live, driftOptions);
        var detectedAt = context.Clock.GetUtcNow();
        // Every declared group missing is a wrong account/region/endpoint far more often than a deleted stack: never a green run.
        // (An incomplete live read already carries its own alert.) Nothing declared and no --vpc/--all-vpcs: nothing compared.
        if ((complete || declaredGroups.Count == 0) &&
            NothingFoundLive.Alert(declaredGroups, drift, LiveSource(settings, regions), driftOptions, settings.Iac) is { } nothingLive)
            alerts = [.. alerts, nothingLive];

        var baselineError = settings.WriteBaseline is null ? null : WriteBaseline(settings.WriteBaseline, drift.Drifts);

        var exit = ExitCodes.Ok;
        if (drift.Open.Any(d => d.Severity >= settings.FailOn)) exit = ExitCodes.Findings;
        else if (alerts.Count > 0) exit = ExitCodes.Incomplete;
        if (baselineError is not null) exit = ExitCodes.Combine(exit, ExitCodes.UsageError);
        // A ledger that cannot be written is an incomplete run: an alert, so that check --remediate keeps it too.
        if (settings.Ledger is not null && await RecordInLedgerAsync(settings, drift, live, regions, detectedAt, ct) is { } ledgerFailed)
        {
            alerts = [.. alerts, ledgerFailed];
            if (exit == ExitCodes.Ok) exit = ExitCodes.Incomplete;
        }

        var report = BaseReport(inputs, declaredGroups) with
        {
            Drifts = drift.Drifts,
            Warnings = [.. inputs.Declared.Warnings, .. driftOptions.Ignore.Warnings, .. drift.Warnings],
            Alerts = alerts,
            Errors = baselineError is null ? [] : [baselineError],
            FailOn = settings.FailOn,
            ExitCode = exit,
        };
        return new CheckOutcome(exit, report, inputs, drift, live);
    }

    /// <summary>
    /// <c>--write-baseline</c>: writes today's drift, creating missing parent folders as <c>--output</c> does; null, or the
    /// error (exit code 2) when the file cannot be written.
    /// </summary>
    private Diagnostic? WriteBaseline(string given, IEnumerable<DriftItem> drifts)
    {
        try
        {
            var path = context.Resolve(given);
            if (Path.GetDirectoryName(path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
            Baseline.Write(path, drifts);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Diagnostic(given, 0, $"cannot write baseline: {ex.Message}");
        }
    }

    /// <summary>Opens the ledger named by <c>--ledger</c> (file or <c>s3://</c>); null, with the error printed, when it cannot.</summary>
    internal ILedgerStore? OpenLedger(CheckSettings settings, string region) =>
        OpenLedger(settings.Ledger!, ResolveEndpoint(settings, "S3"), region, settings.Credentials);

    /// <summary>
    /// Opens a ledger (file, resolved against the working directory, or <c>s3://bucket/key</c>); null, with the error on
    /// stderr, for an invalid URI or an existing file no line of which is a ledger entry (a README given by mistake).
    /// </summary>
    internal ILedgerStore? OpenLedger(string ledger, string? s3Endpoint, string region, Amazon.Runtime.AWSCredentials? credentials)
    {
        var isS3 = ledger.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);
        var (store, error) = LedgerStores.Open(isS3 ? ledger : context.Resolve(ledger), s3Endpoint, region, credentials);
        if (store is null) context.Error.WriteLine($"error: {error}");
        else if (store is FileLedgerStore && !isS3)
        {
            // Never append ledger lines to a file that is something else.
            var path = context.Resolve(ledger);
            if (File.Exists(path) && new FileInfo(path).Length > 0)
            {
                var read = store.ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
                if (read.Entries.Count == 0 && read.Problems.Count > 0)
                {
                    context.Error.WriteLine($"error: {ledger}: not a DriftGuard ledger (no line of it is a ledger entry); give a new or existing ledger file");
                    return null;
                }
            }
        }
        return store;
    }

    /// <summary>Writes every drift to the ledger (attributing new ones through CloudTrail); the alert, with the reason on stderr, when it failed.</summary>
    private async Task<Diagnostic?> RecordInLedgerAsync(CheckSettings settings, DriftResult drift, IReadOnlyList<SecurityGroup> live,
        IReadOnlyList<string> regions, DateTimeOffset detectedAt, CancellationToken ct)
    {
        var region = regions.Count == 1 ? regions[0] : RegionOf(settings);
        var store = OpenLedger(settings, region);
        if (store is null) return LedgerNotWritten(settings.Ledger!, "the ledger could not be opened");
        IChangeAttributor attributor = settings.LiveFile is not null
            ? new UnknownAttributor("live state was read from --live-file, so CloudTrail was not queried")
            : new CloudTrailAttributor(r => new CloudTrailClient(new CloudTrailClientOptions
            {
                Region = r,
                Endpoint = settings.CloudTrailEndpoint ?? context.GetEnvironment("AWS_ENDPOINT_URL_CLOUDTRAIL") ?? settings.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL"),
                Credentials = settings.Credentials,
            }), RequestThrottle.LookupEvents(), region);
        var run = LedgerRun.Start("check", detectedAt, context.GetEnvironment("GITHUB_ACTOR") is { Length: > 0 } actor ? $"driftguard check (GitHub actor {actor})" : "driftguard check",
            context.GetEnvironment("GITHUB_RUN_ID"));
        try
        {
            var readGroups = live.Select(g => g.GroupId ?? g.Key).ToList();
            var summary = await new CheckLedgerWriter(new DriftLedger(store), attributor).RecordAsync(drift, readGroups, regions.Count == 1 ? regions[0] : null, run, ct);
            foreach (var p in summary.Problems) context.Error.WriteLine(p.ToCliLine("warning"));
            context.Error.WriteLine($"ledger {store.Name}: {summary.Detected} drift(s) recorded, {summary.Attributed} attributed, {summary.Resolved} resolved (run {run.RunId})");
            return null;
        }
        catch (LedgerException ex)
        {
            context.Error.WriteLine($"error: {ex.Message}");
            return LedgerNotWritten(settings.Ledger!, ex.Message);
        }
    }

    /// <summary>The alert of a run whose drifts did not reach the ledger (exit 3: the incident report would miss them).</summary>
    internal static Diagnostic LedgerNotWritten(string ledger, string reason) =>
        new(ledger, 0, $"drifts not recorded in the ledger, the run is incomplete: {reason}");

    private ScanReport BaseReport(DeclaredInputs inputs, IReadOnlyList<SecurityGroup> groups) => new("check")
    {
        Inputs = inputs.Declared.Documents.Select(d => d.File).ToList(),
        Groups = groups,
        Skipped = inputs.Declared.Skipped,
        GeneratedAt = context.Clock.GetUtcNow(),
    };

    private CheckOutcome Fail(string message)
    {
        GateCommand.Usage(context, message);
        return new CheckOutcome(ExitCodes.UsageError, new ScanReport("check") { ExitCode = ExitCodes.UsageError }, null, null, []);
    }

    private async Task<(IReadOnlyList<SecurityGroup> Groups, IReadOnlyList<Diagnostic> Alerts, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<string> Regions, bool Complete)>
        ReadLiveAsync(CheckSettings settings, CancellationToken ct)
    {
        if (settings.LiveFile is not null)
        {
            var path = context.Resolve(settings.LiveFile);
            var display = DeclaredLoader.DisplayPath(path, context.CurrentDirectory);
            if (!File.Exists(path)) return ([], [], [new Diagnostic(settings.LiveFile, 0, "live file not found")], [], false);
            var region = settings.Regions.FirstOrDefault();
            var parsed = LiveDescribeParser.ParseFile(path, display, region);
            return (parsed.Groups, [], parsed.Diagnostics, region is null ? [] : [region], true);
        }
        var options = new LiveReaderOptions
        {
            Regions = settings.Regions.Count > 0 ? settings.Regions : [RegionOf(settings)],
            AllRegions = settings.AllRegions,
            RoleArns = settings.RoleArns,
            EndpointUrl = settings.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL_EC2") ?? context.GetEnvironment("AWS_ENDPOINT_URL"),
            Credentials = settings.Credentials,
        };
        var where = options.AllRegions ? "every region" : string.Join(", ", options.Regions);
        var snapshot = await Progress.ShowAsync(context, $"Reading security groups and rules in {where}…", () => new Ec2LiveReader().ReadAsync(options, ct));
        return (snapshot.Groups, snapshot.Alerts, [], snapshot.Regions, snapshot.Complete);
    }

    /// <summary>Where the live side came from, for alerts: the live file, or <c>aws:REGION[,REGION…]</c>.</summary>
    private static string LiveSource(CheckSettings settings, IReadOnlyList<string> regions) =>
        settings.LiveFile ?? (regions.Count == 0 ? "aws" : $"aws:{string.Join(",", regions)}");

    private string RegionOf(CheckSettings settings) =>
        settings.Regions.FirstOrDefault() ?? context.GetEnvironment("AWS_REGION") ?? context.GetEnvironment("AWS_DEFAULT_REGION") ?? "us-east-1";

    private string? ResolveEndpoint(CheckSettings settings, string service) =>
        context.GetEnvironment($"AWS_ENDPOINT_URL_{service}") ?? settings.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL");
}
