using System.Globalization;
using System.Text.RegularExpressions;
using DriftGuard.Aws.Ledger;
using DriftGuard.Cli.Commands;
using DriftGuard.Core;
using DriftGuard.Core.Incidents;
using DriftGuard.Core.Ledger;
using DriftGuard.Core.Model;

namespace DriftGuard.Cli.Handlers;

/// <summary>
/// Runs <c>driftguard report</c>: reads the ledgers and merged results, folds them into incidents, renders the
/// report. Exit 0 when written; 2 for bad options or when no input could be read at all. Corrupt ledger lines and
/// unreadable merge files are warnings (on stderr and in the report), never a reason to drop the rest.
/// </summary>
internal sealed partial class ReportHandler(CliContext context)
{
    public static readonly string[] Formats = ["markdown", "json", "html"];

    public async Task<int> RunAsync(ReportSettings settings, CancellationToken ct)
    {
        if (!Formats.Contains(settings.Format)) return GateCommand.Usage(context, $"unknown --format '{settings.Format}': use markdown, json or html");
        if (settings.Ledgers.Count == 0 && settings.Merge.Count == 0) return GateCommand.Usage(context, "give --ledger and/or --merge");
        var now = context.Clock.GetUtcNow();
        DateTimeOffset? since = null;
        if (settings.Since is not null)
        {
            if (!TryParseSince(settings.Since, now, out var s)) return GateCommand.Usage(context, $"invalid --since '{settings.Since}': use 24h, 7d, 30m or an ISO 8601 time");
            since = s;
        }

        var (entries, problems, sources, readable) = await LoadAsync(settings, ct);
        foreach (var p in problems) context.Error.WriteLine(p.ToCliLine("warning"));
        if (readable == 0)
        {
            context.Error.WriteLine("error: no ledger or result could be read");
            return ExitCodes.UsageError;
        }
        var report = Build(entries, problems, new IncidentOptions { BaseDirectory = context.CurrentDirectory, Since = since, Until = now }) with { Sources = sources };
        return Write(report, settings.Format, settings.Output) ? ExitCodes.Ok : ExitCodes.UsageError;
    }

    /// <summary>Folds entries into the report (also used by the demo).</summary>
    public static IncidentReport Build(IEnumerable<LedgerEntry> entries, IReadOnlyList<Diagnostic> problems, IncidentOptions options) =>
        IncidentBuilder.Build(LedgerHistory.Fold(entries), options, problems);

    /// <summary>Renders <paramref name="report"/> in <paramref name="format"/> to <paramref name="w"/>.</summary>
    public static void Render(IncidentReport report, string format, TextWriter w)
    {
        switch (format)
        {
            case "json": IncidentJsonWriter.Write(report, w); break;
            case "html": IncidentHtmlWriter.Write(report, w); break;
            default: IncidentMarkdownWriter.Write(report, w); break;
        }
    }

    private bool Write(IncidentReport report, string format, string? output)
    {
        if (output is null)
        {
            Render(report, format, context.Out);
            context.Out.Flush();
            return true;
        }
        try
        {
            var path = context.Resolve(output);
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
            Render(report, format, file);
            context.Error.WriteLine($"incident report written to {output} ({report.Incidents.Count} incident(s))");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: {output}: cannot write report: {ex.Message}");
            return false;
        }
    }

    private async Task<(List<LedgerEntry> Entries, List<Diagnostic> Problems, List<string> Sources, int Readable)> LoadAsync(ReportSettings settings, CancellationToken ct)
    {
        var entries = new List<LedgerEntry>();
        var problems = new List<Diagnostic>();
        var sources = new List<string>();
        var readable = 0;
        var region = settings.Region ?? context.GetEnvironment("AWS_REGION") ?? context.GetEnvironment("AWS_DEFAULT_REGION") ?? "us-east-1";
        var s3Endpoint = context.GetEnvironment("AWS_ENDPOINT_URL_S3") ?? settings.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL");
        foreach (var target in settings.Ledgers)
        {
            var isS3 = target.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);
            if (!isS3 && !File.Exists(context.Resolve(target))) { problems.Add(new Diagnostic(target, 0, "ledger not found")); continue; }
            var (store, error) = LedgerStores.Open(isS3 ? target : context.Resolve(target), s3Endpoint, region, settings.Credentials);
            if (store is null) { problems.Add(new Diagnostic(target, 0, error!)); continue; }
            try
            {
                var read = await store.ReadAsync(ct);
                entries.AddRange(read.Entries);
                problems.AddRange(read.Problems.Select(p => p with { File = target }));
                // Lines but not one entry: not a ledger (or a wrecked one); "0 incidents" would read as a clean period.
                if (read.Entries.Count == 0 && read.Problems.Count > 0)
                {
                    problems.Add(new Diagnostic(target, 0, "no line of it is a ledger entry"));
                    continue;
                }
                sources.Add(target);
                readable++;
            }
            catch (LedgerException ex) { problems.Add(new Diagnostic(target, 0, ex.Message)); }
        }
        foreach (var file in settings.Merge)
        {
            var path = context.Resolve(file);
            if (!File.Exists(path)) { problems.Add(new Diagnostic(file, 0, "result file not found")); continue; }
            var text = await File.ReadAllTextAsync(path, ct);
            var (merged, mergeProblems) = CheckResultMerger.Read(text, file);
            problems.AddRange(mergeProblems);
            if (mergeProblems.Count > 0) continue;
            problems.AddRange(CheckResultMerger.Alerts(text, file));
            entries.AddRange(merged);
            sources.Add(file);
            readable++;
        }
        return (entries, problems, sources, readable);
    }

    /// <summary>Parses <c>24h</c>, <c>7d</c>, <c>30m</c>, <c>90s</c>, <c>2w</c> (before <paramref name="now"/>) or an ISO 8601 time.</summary>
    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        since = default;
        var m = RelativeSince().Match(text.Trim());
        if (m.Success)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            try
            {
                var span = m.Groups[2].Value switch
                {
                    "s" => TimeSpan.FromSeconds(n),
                    "m" => TimeSpan.FromMinutes(n),
                    "h" => TimeSpan.FromHours(n),
                    "d" => TimeSpan.FromDays(n),
                    _ => TimeSpan.FromDays(7 * n),
                };
                since = now - span;
                return true;
            }
            catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
            {
                return false; // further back than a date can go
            }
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([smhdw])$")]
    private static partial Regex RelativeSince();
}
