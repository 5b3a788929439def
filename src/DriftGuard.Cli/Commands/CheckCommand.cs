using System.CommandLine;
using DriftGuard.Cli.Handlers;

namespace DriftGuard.Cli.Commands;

/// <summary>Settings of <c>driftguard check</c>.</summary>
public sealed record CheckSettings
{
    public required IReadOnlyList<string> Iac { get; init; }
    public string? LiveFile { get; init; }
    public IReadOnlyList<string> Regions { get; init; } = [];
    public bool AllRegions { get; init; }
    public IReadOnlyList<string> RoleArns { get; init; } = [];
    public string? EndpointUrl { get; init; }
    public string? Stack { get; init; }
    public string? StackResources { get; init; }
    public string? ParametersFile { get; init; }
    public string? PolicyFile { get; init; }
    public string? IgnoreFile { get; init; }
    public string? Baseline { get; init; }
    public string? WriteBaseline { get; init; }
    public IReadOnlyList<string> VpcIds { get; init; } = [];
    public bool AllVpcs { get; init; }
    public Core.Model.Severity FailOn { get; init; } = Core.Model.Severity.High;
    public IReadOnlyList<OutputTarget> Targets { get; init; } = [];
    /// <summary><c>--remediate</c>: after the check, revert this scope of drift with the remediate engine (default none).</summary>
    public Core.Remediation.RemediationScope Remediate { get; init; } = Core.Remediation.RemediationScope.None;
    /// <summary>Drift ledger: a local JSON Lines file or <c>s3://bucket/key</c>; null = no ledger.</summary>
    public string? Ledger { get; init; }
    /// <summary>CloudTrail endpoint for attribution (the sandbox); null = AWS_ENDPOINT_URL_CLOUDTRAIL, --endpoint-url, AWS.</summary>
    public string? CloudTrailEndpoint { get; init; }
    /// <summary>Explicit credentials (demo, tests); null = the SDK's default chain.</summary>
    public Amazon.Runtime.AWSCredentials? Credentials { get; init; }
    /// <summary><c>--github-comment</c>: the sticky pull-request comment, when asked for.</summary>
    public DriftGuard.GitHub.PullRequests.GitHubCommentFlags? GitHubComment { get; init; }
    /// <summary><c>--open-pr</c>: open a pull request per allowed unmanaged rule, when asked for.</summary>
    public GitHub.OpenPullRequestSettings? OpenPullRequests { get; init; }
}

/// <summary>
/// The options <c>check</c> and <c>remediate</c> share (same inputs, same flags), and how they become <see cref="CheckSettings"/>.
/// </summary>
internal sealed class CheckOptions
{
    private readonly Option<string?> _ledger = new("--ledger") { Description = "Drift ledger to record every drift in: a JSON Lines file, or s3://bucket/key. New drifts are attributed through CloudTrail." };
    private readonly Option<string?> _cloudTrailEndpoint = new("--cloudtrail-endpoint") { Description = "CloudTrail endpoint for attribution (e.g. the DriftGuard sandbox). Default: AWS_ENDPOINT_URL_CLOUDTRAIL, else --endpoint-url, else AWS." };
    private readonly Option<string[]> _iac = CommonOptions.RejectEmptyPaths(new Option<string[]>("--iac") { Description = "Declared state: Terraform state (file or s3://bucket/key), plan JSON, or CloudFormation template; repeatable.", Required = true, AllowMultipleArgumentsPerToken = true });
    private readonly Option<string?> _liveFile = new("--live-file") { Description = "Read live groups from `aws ec2 describe-security-groups` JSON output instead of calling the API." };
    private readonly Option<string[]> _region = new("--region") { Description = "AWS region to read (repeatable). Default: AWS_REGION, else us-east-1." };
    private readonly Option<bool> _allRegions = new("--all-regions") { Description = "Read every enabled region (DescribeRegions)." };
    private readonly Option<string[]> _roleArn = new("--role-arn") { Description = "Role to assume for an account (repeatable, one account each)." };
    private readonly Option<string?> _endpoint = new("--endpoint-url") { Description = "Endpoint for every AWS service (e.g. the DriftGuard sandbox). Default: AWS_ENDPOINT_URL." };
    private readonly Option<string?> _stack = new("--stack") { Description = "CloudFormation stack name: live groups belong to the template through their aws:cloudformation tags." };
    private readonly Option<string?> _stackResources = new("--stack-resources") { Description = "`aws cloudformation describe-stack-resources` (or list-stack-resources) output mapping logical ids to group ids." };
    private readonly Option<string?> _ignore = new("--ignore-file") { Description = ".driftguardignore file (default ./.driftguardignore when present)." };
    private readonly Option<string?> _baseline = new("--baseline") { Description = "Baseline file: drift listed there is reported as accepted." };
    private readonly Option<string?> _writeBaseline = new("--write-baseline") { Description = "Write today's drift to this baseline file." };
    private readonly Option<string[]> _vpc = new("--vpc") { Description = "Also look for unmanaged groups in this VPC (repeatable)." };
    private readonly Option<bool> _allVpcs = new("--all-vpcs") { Description = "Look for unmanaged groups in every VPC." };
    private readonly Option<string?> _policy = CommonOptions.Policy();
    private readonly Option<string?> _parameters = CommonOptions.Parameters();
    private readonly Option<string> _failOn = CommonOptions.FailOn();
    private readonly Option<string[]> _format = CommonOptions.Format();
    private readonly Option<string[]> _output = CommonOptions.Output();

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in (Option[])[_iac, _liveFile, _region, _allRegions, _roleArn, _endpoint, _stack, _stackResources, _parameters, _policy,
                                     _ignore, _baseline, _writeBaseline, _vpc, _allVpcs, _failOn, _format, _output, _ledger, _cloudTrailEndpoint])
            command.Options.Add(o);
    }

    /// <summary>The settings the user asked for, or null with a usage error.</summary>
    public CheckSettings? Settings(ParseResult parse, out string? error)
    {
        if (!CommonOptions.TryFailOn(parse.GetValue(_failOn), out var threshold, out error)) return null;
        var targets = OutputTargets.Pair(parse.GetValue(_format) ?? [], parse.GetValue(_output) ?? [], out error);
        if (error is not null) return null;
        return new CheckSettings
        {
            Iac = parse.GetValue(_iac) ?? [],
            LiveFile = parse.GetValue(_liveFile),
            Regions = parse.GetValue(_region) ?? [],
            AllRegions = parse.GetValue(_allRegions),
            RoleArns = parse.GetValue(_roleArn) ?? [],
            EndpointUrl = parse.GetValue(_endpoint),
            Stack = parse.GetValue(_stack),
            StackResources = parse.GetValue(_stackResources),
            ParametersFile = parse.GetValue(_parameters),
            PolicyFile = parse.GetValue(_policy),
            IgnoreFile = parse.GetValue(_ignore),
            Baseline = parse.GetValue(_baseline),
            WriteBaseline = parse.GetValue(_writeBaseline),
            VpcIds = parse.GetValue(_vpc) ?? [],
            AllVpcs = parse.GetValue(_allVpcs),
            FailOn = threshold,
            Targets = targets,
            Ledger = parse.GetValue(_ledger),
            CloudTrailEndpoint = parse.GetValue(_cloudTrailEndpoint),
        };
    }
}

/// <summary><c>driftguard check --iac PATH...</c>: compare live security groups with the declared state.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var options = new CheckOptions();
        var remediate = RemediateCommand.ScopeOption("none");
        var gitHub = new GitHub.GitHubCommentOptions();
        var openPr = new GitHub.OpenPullRequestOptions();
        var command = new Command("check", "Compare live EC2 security groups with the declared state; exit 1 on drift at or above --fail-on.");
        options.AddTo(command);
        command.Options.Add(remediate);
        gitHub.AddTo(command);
        openPr.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = options.Settings(parse, out var err);
            if (settings is null) return GateCommand.Usage(context, err!);
            if (!Core.Remediation.RemediationScopes.TryParse(parse.GetValue(remediate), out var scope, out err)) return GateCommand.Usage(context, err!);
            return await new CheckHandler(context).RunAsync(settings with { Remediate = scope, GitHubComment = gitHub.Read(parse), OpenPullRequests = openPr.Read(parse, gitHub.Flags(parse)) }, ct);
        });
        return command;
    }
}
