using System.CommandLine;
using DriftGuard.Cli.Handlers;

namespace DriftGuard.Cli.Commands;

/// <summary>Settings of <c>driftguard report</c>.</summary>
public sealed record ReportSettings
{
    /// <summary>Ledgers (file or s3://bucket/key).</summary>
    public IReadOnlyList<string> Ledgers { get; init; } = [];
    /// <summary>JSON results of <c>check --format json</c> to merge.</summary>
    public IReadOnlyList<string> Merge { get; init; } = [];
    /// <summary>Period start, as typed: <c>24h</c>, <c>7d</c>, <c>30m</c> or an ISO 8601 time.</summary>
    public string? Since { get; init; }
    /// <summary><c>markdown</c>, <c>json</c> or <c>html</c>.</summary>
    public string Format { get; init; } = "markdown";
    /// <summary>Output file; null = standard output.</summary>
    public string? Output { get; init; }
    /// <summary>S3 endpoint for s3:// ledgers.</summary>
    public string? EndpointUrl { get; init; }
    /// <summary>Region for the S3 client.</summary>
    public string? Region { get; init; }
    /// <summary>Explicit credentials (demo, tests); null = the SDK's default chain.</summary>
    public Amazon.Runtime.AWSCredentials? Credentials { get; init; }
}

/// <summary><c>driftguard report --ledger L [--merge FILE...] [--since 24h] [--format markdown|json|html]</c>: the incident report.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var ledger = new Option<string[]>("--ledger") { Description = "Drift ledger (JSON Lines file or s3://bucket/key); repeatable." };
        var merge = new Option<string[]>("--merge") { Description = "JSON results of `driftguard check --format json` (e.g. one per account/region job) to combine.", AllowMultipleArgumentsPerToken = true };
        var since = new Option<string?>("--since") { Description = "Period start: 24h, 7d, 30m, or an ISO 8601 time. Default: everything." };
        var format = new Option<string>("--format", "-f") { Description = "markdown, json or html (one self-contained file).", DefaultValueFactory = _ => "markdown" };
        var output = new Option<string?>("--output", "-o") { Description = "File to write; default standard output." };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "S3 endpoint for an s3:// ledger (e.g. the sandbox). Default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL." };
        var region = new Option<string?>("--region") { Description = "Region of the S3 client. Default: AWS_REGION, else us-east-1." };
        var command = new Command("report", "Write the incident report from the drift ledger and/or merged check results: the nine answers per incident, time to detect and to remediate, period summary.")
        {
            ledger, merge, since, format, output, endpoint, region,
        };
        command.SetAction(async (parse, ct) => await new ReportHandler(context).RunAsync(new ReportSettings
        {
            Ledgers = parse.GetValue(ledger) ?? [],
            Merge = parse.GetValue(merge) ?? [],
            Since = parse.GetValue(since),
            Format = (parse.GetValue(format) ?? "markdown").Trim().ToLowerInvariant(),
            Output = parse.GetValue(output),
            EndpointUrl = parse.GetValue(endpoint),
            Region = parse.GetValue(region),
        }, ct));
        return command;
    }
}
