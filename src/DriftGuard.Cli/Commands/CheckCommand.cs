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
    /// <summary>Drift ledger: a local JSON Lines file or <c>s3://bucket/key</c>; null = no ledger.</summary>
    public string? Ledger { get; init; }
    /// <summary>CloudTrail endpoint for attribution (the sandbox); null = AWS_ENDPOINT_URL_CLOUDTRAIL, --endpoint-url, AWS.</summary>
    public string? CloudTrailEndpoint { get; init; }
    /// <summary>Explicit credentials (demo, tests); null = the SDK's default chain.</summary>
    public Amazon.Runtime.AWSCredentials? Credentials { get; init; }
}

/// <summary><c>driftguard check --iac PATH...</c>: compare live security groups with the declared state.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var iac = new Option<string[]>("--iac") { Description = "Declared state: Terraform state (file or s3://bucket/key), plan JSON, or CloudFormation template; repeatable.", Required = true, AllowMultipleArgumentsPerToken = true };
        var liveFile = new Option<string?>("--live-file") { Description = "Read live groups from `aws ec2 describe-security-groups` JSON output instead of calling the API." };
        var region = new Option<string[]>("--region") { Description = "AWS region to read (repeatable). Default: AWS_REGION, else us-east-1." };
        var allRegions = new Option<bool>("--all-regions") { Description = "Read every enabled region (DescribeRegions)." };
        var roleArn = new Option<string[]>("--role-arn") { Description = "Role to assume for an account (repeatable, one account each)." };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "Endpoint for every AWS service (e.g. the DriftGuard sandbox). Default: AWS_ENDPOINT_URL." };
        var stack = new Option<string?>("--stack") { Description = "CloudFormation stack name: live groups belong to the template through their aws:cloudformation tags." };
        var stackResources = new Option<string?>("--stack-resources") { Description = "`aws cloudformation describe-stack-resources` (or list-stack-resources) output mapping logical ids to group ids." };
        var ignore = new Option<string?>("--ignore-file") { Description = ".driftguardignore file (default ./.driftguardignore when present)." };
        var baseline = new Option<string?>("--baseline") { Description = "Baseline file: drift listed there is reported as accepted." };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write today's drift to this baseline file." };
        var vpc = new Option<string[]>("--vpc") { Description = "Also look for unmanaged groups in this VPC (repeatable)." };
        var allVpcs = new Option<bool>("--all-vpcs") { Description = "Look for unmanaged groups in every VPC." };
        var ledger = new Option<string?>("--ledger") { Description = "Drift ledger to record every drift in: a JSON Lines file, or s3://bucket/key. New drifts are attributed through CloudTrail." };
        var cloudTrailEndpoint = new Option<string?>("--cloudtrail-endpoint") { Description = "CloudTrail endpoint for attribution (e.g. the DriftGuard sandbox). Default: AWS_ENDPOINT_URL_CLOUDTRAIL, else --endpoint-url, else AWS." };
        var policy = CommonOptions.Policy();
        var parameters = CommonOptions.Parameters();
        var failOn = CommonOptions.FailOn();
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("check", "Compare live EC2 security groups with the declared state; exit 1 on drift at or above --fail-on.")
        {
            iac, liveFile, region, allRegions, roleArn, endpoint, stack, stackResources, parameters, policy, ignore, baseline,
            writeBaseline, vpc, allVpcs, failOn, format, output, ledger, cloudTrailEndpoint,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!CommonOptions.TryFailOn(parse.GetValue(failOn), out var threshold, out var err)) return GateCommand.Usage(context, err!);
            var targets = OutputTargets.Pair(parse.GetValue(format) ?? [], parse.GetValue(output) ?? [], out err);
            if (err is not null) return GateCommand.Usage(context, err);
            var settings = new CheckSettings
            {
                Iac = parse.GetValue(iac) ?? [],
                LiveFile = parse.GetValue(liveFile),
                Regions = parse.GetValue(region) ?? [],
                AllRegions = parse.GetValue(allRegions),
                RoleArns = parse.GetValue(roleArn) ?? [],
                EndpointUrl = parse.GetValue(endpoint),
                Stack = parse.GetValue(stack),
                StackResources = parse.GetValue(stackResources),
                ParametersFile = parse.GetValue(parameters),
                PolicyFile = parse.GetValue(policy),
                IgnoreFile = parse.GetValue(ignore),
                Baseline = parse.GetValue(baseline),
                WriteBaseline = parse.GetValue(writeBaseline),
                VpcIds = parse.GetValue(vpc) ?? [],
                AllVpcs = parse.GetValue(allVpcs),
                FailOn = threshold,
                Targets = targets,
                Ledger = parse.GetValue(ledger),
                CloudTrailEndpoint = parse.GetValue(cloudTrailEndpoint),
            };
            return await new CheckHandler(context).RunAsync(settings, ct);
        });
        return command;
    }
}
