using System.Runtime.InteropServices;
using DriftGuard.Aws.Live;
using DriftGuard.Aws.Watch;
using DriftGuard.Cli.Commands;
using DriftGuard.Core.Watch;

namespace DriftGuard.Cli.Handlers;

/// <summary>
/// Runs <c>driftguard watch</c>: wires the declared source, the EC2 reader, the SQS event source (event mode) and the
/// watch actions into a <see cref="WatchLoop"/>, with the decision log on stderr or <c>--log FILE</c>. Stops on
/// SIGINT/SIGTERM, the cancellation token, <c>--max-runtime</c> or <c>--once</c>.
/// </summary>
internal sealed class WatchHandler(CliContext context)
{
    /// <summary>Runs the watcher. <paramref name="actions"/> replaces the default EC2 actions (tests, the remediation engine).</summary>
    public async Task<int> RunAsync(WatchSettings settings, CancellationToken ct, IWatchActions? actions = null, Action<WatchDecision>? listener = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

        TextWriter logWriter = context.Error;
        StreamWriter? logFile = null;
        StreamWriter? incidentFile = null;
        try
        {
            if (settings.LogFile is not null)
            {
                logFile = OpenAppend(settings.LogFile);
                logWriter = logFile;
            }
            if (settings.IncidentsFile is not null)
                incidentFile = OpenAppend(settings.IncidentsFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logFile?.Dispose();
            return GateCommand.Usage(context, $"cannot open log or incidents file: {ex.Message}");
        }

        var aws = new WatchAwsOptions
        {
            Region = settings.Region,
            EndpointUrl = settings.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL_EC2") ?? context.GetEnvironment("AWS_ENDPOINT_URL"),
            Credentials = settings.Credentials,
        };
        var sqsEndpoint = settings.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL_SQS") ?? context.GetEnvironment("AWS_ENDPOINT_URL");
        Core.Ledger.DriftLedger? ledger = null;
        if (settings.Ledger is not null)
        {
            var store = new CheckHandler(context).OpenLedger(settings.Ledger,
                settings.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL_S3") ?? context.GetEnvironment("AWS_ENDPOINT_URL"), settings.Region, settings.Credentials);
            if (store is null)
            {
                logFile?.Dispose();
                incidentFile?.Dispose();
                return Core.ExitCodes.UsageError;
            }
            ledger = new Core.Ledger.DriftLedger(store);
        }
        using var reader = new Ec2GroupReader(aws, new LiveReaderOptions { VpcIds = settings.VpcIds, RoleArns = [] });
        using var defaultActions = actions is null ? new Ec2WatchActions(aws, incidentFile ?? (TextWriter?)null) : null;
        using var events = settings.QueueUrl is null ? null : SqsEventSource.Create(settings.QueueUrl, aws with { EndpointUrl = sqsEndpoint });
        var effective = actions ?? defaultActions!;
        if (ledger is not null)
        {
            var stsEndpoint = settings.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL_STS") ?? context.GetEnvironment("AWS_ENDPOINT_URL");
            var me = await Ec2WatchActions.CallerArnAsync(aws, stsEndpoint, stop.Token);
            effective = new LedgerWatchActions(effective, ledger, me ?? "driftguard watch (identity unknown: STS GetCallerIdentity failed)");
        }
        var log = new WatchLog(logWriter);
        if (settings.OpenPullRequests is not null)
            effective = new GitHub.PullRequestWatchActions(effective, context, log, settings.FailOn, settings.OpenPullRequests);
        if (listener is not null) log.Subscribe(listener);
        var loop = new WatchLoop(new WatchOptions
        {
            Scope = settings.Scope,
            Threshold = settings.FailOn,
            PollInterval = settings.Interval,
            MaxRuntime = settings.MaxRuntime,
            Once = settings.Once,
            ReloadInterval = settings.ReloadInterval,
            MaxChanges = settings.MaxChanges,
        }, new WatchDeclaredSource(context, settings), reader, effective, events, log, context.Clock);
        try
        {
            return await loop.RunAsync(stop.Token);
        }
        finally
        {
            if (logFile is not null) await logFile.DisposeAsync();
            if (incidentFile is not null) await incidentFile.DisposeAsync();
        }
    }

    /// <summary>Opens a JSON-lines file for appending, creating its folder as <c>remediate --audit-log</c> and <c>report --output</c> do.</summary>
    private StreamWriter OpenAppend(string path)
    {
        var full = context.Resolve(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        return new StreamWriter(new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read));
    }
}
