using System.CommandLine;
using DriftGuard.Cli.Handlers;
using DriftGuard.Core.Model;
using DriftGuard.Core.Watch;

namespace DriftGuard.Cli.Commands;

/// <summary>Settings of <c>driftguard watch</c>.</summary>
public sealed record WatchSettings
{
    /// <summary>Declared state inputs (as <c>check --iac</c>).</summary>
    public required IReadOnlyList<string> Iac { get; init; }
    /// <summary>SQS queue fed by the EventBridge rule; null: poll mode.</summary>
    public string? QueueUrl { get; init; }
    /// <summary>Full-check interval (poll mode) or backstop (event mode).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary><c>--remediate</c>.</summary>
    public WatchScope Scope { get; init; } = WatchScope.None;
    /// <summary><c>--fail-on</c>.</summary>
    public Severity FailOn { get; init; } = Severity.High;
    /// <summary>Region watched.</summary>
    public string Region { get; init; } = "us-east-1";
    /// <summary>Endpoint override (sandbox).</summary>
    public string? EndpointUrl { get; init; }
    /// <summary>CloudFormation stack name.</summary>
    public string? Stack { get; init; }
    /// <summary>CloudFormation parameters file.</summary>
    public string? ParametersFile { get; init; }
    /// <summary>Policy file.</summary>
    public string? PolicyFile { get; init; }
    /// <summary>.driftguardignore file.</summary>
    public string? IgnoreFile { get; init; }
    /// <summary>VPCs whose unmanaged groups are reported.</summary>
    public IReadOnlyList<string> VpcIds { get; init; } = [];
    /// <summary>Decision log file (JSON lines, appended); null: stderr.</summary>
    public string? LogFile { get; init; }
    /// <summary>Incident file (JSON lines, appended); null: incidents only in the decision log.</summary>
    public string? IncidentsFile { get; init; }
    /// <summary>Drift ledger (file or s3://bucket/key) that incidents are appended to; null: none.</summary>
    public string? Ledger { get; init; }
    /// <summary><c>--open-pr</c>: codify pull requests for the drifts watch keeps; null: none.</summary>
    public GitHub.OpenPullRequestSettings? OpenPullRequests { get; init; }
    /// <summary>A decision reverting more drifts than this reverts none.</summary>
    public int MaxChanges { get; init; } = 50;
    /// <summary>Stop after this long.</summary>
    public TimeSpan? MaxRuntime { get; init; }
    /// <summary>Stop after the first check (poll) or batch (event).</summary>
    public bool Once { get; init; }
    /// <summary>Re-read the declared state this often.</summary>
    public TimeSpan? ReloadInterval { get; init; }
    /// <summary>Explicit credentials (demo, tests); null = the SDK's default chain.</summary>
    public Amazon.Runtime.AWSCredentials? Credentials { get; init; }
}

/// <summary><c>driftguard watch --iac PATH... [--queue-url URL | --interval 30s]</c>: detect and revert within seconds.</summary>
internal static class WatchCommand
{
    public static Command Create(CliContext context)
    {
        var iac = CommonOptions.RejectEmptyPaths(new Option<string[]>("--iac") { Description = "Declared state: Terraform state (file or s3://bucket/key), plan JSON, or CloudFormation template; repeatable. Re-read when the files change.", Required = true, AllowMultipleArgumentsPerToken = true });
        var queue = new Option<string?>("--queue-url") { Description = "Event mode: SQS queue fed by the EventBridge rule on CloudTrail security-group calls (iac/watch/). Without it: poll mode." };
        var interval = new Option<string>("--interval") { Description = "Full check every INTERVAL (poll mode; the backstop in event mode), e.g. 30s, 5m.", DefaultValueFactory = _ => "5m" };
        var remediate = new Option<string>("--remediate") { Description = "Revert: none (detect and record), noncompliant (unmanaged rules failing --fail-on) or all (back to the declared rules).", DefaultValueFactory = _ => "none" };
        var region = new Option<string?>("--region") { Description = "Region watched (one watcher per region). Default: AWS_REGION, else us-east-1." };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "Endpoint for EC2 and SQS (e.g. the DriftGuard sandbox). Default: AWS_ENDPOINT_URL." };
        var stack = new Option<string?>("--stack") { Description = "CloudFormation stack name: live groups belong to the template through their aws:cloudformation tags." };
        var ignore = new Option<string?>("--ignore-file") { Description = ".driftguardignore file (default ./.driftguardignore when present)." };
        var vpc = new Option<string[]>("--vpc") { Description = "Also report unmanaged groups in this VPC (repeatable)." };
        var log = new Option<string?>("--log") { Description = "Write the decision log (JSON lines) to FILE instead of stderr." };
        var incidents = new Option<string?>("--incidents") { Description = "Append each incident (who, when, what, what was done) as a JSON line to FILE." };
        var ledger = new Option<string?>("--ledger") { Description = "Also append each incident to this drift ledger (file or s3://bucket/key), for `driftguard report --ledger`." };
        var maxChanges = new Option<int>("--max-changes") { Description = "Revert nothing when one decision would revert more drifts than this (a wrong declared state must not wipe an account).", DefaultValueFactory = _ => 50 };
        var maxRuntime = new Option<string?>("--max-runtime") { Description = "Stop cleanly after this long, e.g. 10m." };
        var once = new Option<bool>("--once") { Description = "Poll mode: one check, then exit. Event mode: handle the first batch of events, then exit." };
        var reload = new Option<string?>("--reload-interval") { Description = "Re-read the declared state this often even when no file changed (e.g. 10m for s3:// state)." };
        var policy = CommonOptions.Policy();
        var parameters = CommonOptions.Parameters();
        var failOn = CommonOptions.FailOn();
        var openPr = new GitHub.OpenPullRequestOptions();
        var gitHub = new GitHub.GitHubCommentOptions();
        var command = new Command("watch", "Watch security groups: react to CloudTrail events from SQS (or poll), revert drift per --remediate, verify, record the incident.")
        {
            iac, queue, interval, remediate, region, endpoint, stack, parameters, policy, ignore, vpc, failOn, log, incidents, ledger, maxChanges, maxRuntime, once, reload,
        };
        openPr.AddTo(command);
        gitHub.AddRepositoryOptionsTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (!CommonOptions.TryFailOn(parse.GetValue(failOn), out var threshold, out var err)) return GateCommand.Usage(context, err!);
            if (!WatchScopes.TryParse(parse.GetValue(remediate), out var scope, out err)) return GateCommand.Usage(context, err!);
            if (!DurationText.TryParse(parse.GetValue(interval), out var every, out err) || every <= TimeSpan.Zero)
                return GateCommand.Usage(context, $"--interval: {err ?? "must be more than 0"}");
            if (parse.GetValue(maxChanges) is var limit and < 0) return GateCommand.Usage(context, $"invalid --max-changes {limit}: use 0 or more");
            TimeSpan? max = null, reloadEvery = null;
            if (parse.GetValue(maxRuntime) is { } m)
            {
                if (!DurationText.TryParse(m, out var v, out err)) return GateCommand.Usage(context, $"--max-runtime: {err}");
                max = v;
            }
            if (parse.GetValue(reload) is { } r)
            {
                if (!DurationText.TryParse(r, out var v, out err) || v <= TimeSpan.Zero) return GateCommand.Usage(context, $"--reload-interval: {err ?? "must be more than 0"}");
                reloadEvery = v;
            }
            var settings = new WatchSettings
            {
                Iac = parse.GetValue(iac) ?? [],
                QueueUrl = parse.GetValue(queue),
                Interval = every,
                Scope = scope,
                FailOn = threshold,
                Region = parse.GetValue(region) ?? context.GetEnvironment("AWS_REGION") ?? context.GetEnvironment("AWS_DEFAULT_REGION") ?? "us-east-1",
                EndpointUrl = parse.GetValue(endpoint),
                Stack = parse.GetValue(stack),
                ParametersFile = parse.GetValue(parameters),
                PolicyFile = parse.GetValue(policy),
                IgnoreFile = parse.GetValue(ignore),
                VpcIds = parse.GetValue(vpc) ?? [],
                LogFile = parse.GetValue(log),
                IncidentsFile = parse.GetValue(incidents),
                Ledger = parse.GetValue(ledger),
                OpenPullRequests = openPr.Read(parse, gitHub.RepositoryFlags(parse)),
                MaxChanges = parse.GetValue(maxChanges),
                MaxRuntime = max,
                Once = parse.GetValue(once),
                ReloadInterval = reloadEvery,
            };
            return await new WatchHandler(context).RunAsync(settings, ct);
        });
        return command;
    }
}
