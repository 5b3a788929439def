using System.Text.Json;
using DriftGuard.Core.Ledger;
using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using DriftGuard.Core.Reports.Json;

namespace DriftGuard.Core.Incidents;

/// <summary>
/// Reads JSON results of <c>driftguard check --format json</c> (docs/json-report.md, one per job of a matrix over
/// accounts and regions) as ledger lines: each drift becomes a <c>detected</c> line at the result's
/// <c>generatedAt</c>, so results from several jobs (and a ledger) fold into one report. Controls come from the
/// policy catalogue because a drift's findings carry only their ids.
/// </summary>
public static class CheckResultMerger
{
    /// <summary>Ledger lines of one result; a file that is not a check result becomes one problem and no lines.</summary>
    public static (IReadOnlyList<LedgerEntry> Entries, IReadOnlyList<Diagnostic> Problems) Read(string text, string source)
    {
        ReportDto? dto;
        try { dto = JsonSerializer.Deserialize(text, ReportJsonContext.Default.ReportDto); }
        catch (JsonException ex) { return ([], [JsonErrorText.Diagnostic(source, ex, "not a DriftGuard JSON result (the output of driftguard check --format json)")]); }
        if (dto is null || dto.Version != 1 || dto.Drifts is null)
            return ([], [new Diagnostic(source, 0, "not a DriftGuard JSON result (format version 1 with drifts expected)")]);
        if (dto.Command != "check")
            return ([], [new Diagnostic(source, 0, $"a '{dto.Command}' result has no drift; only check results can be merged")]);
        var run = $"merge:{Path.GetFileName(source)}";
        var entries = dto.Drifts.Where(d => d.Fingerprint.Length > 0).Select(d => new LedgerEntry(LedgerEventType.Detected, d.Fingerprint, dto.GeneratedAt, run)
        {
            Command = "check",
            Account = d.Account,
            Region = d.Region,
            GroupId = d.GroupId,
            Kind = Name(d.Kind),
            Resource = d.Resource,
            File = d.File,
            Line = d.Line,
            Rule = d.Direction is null || d.Protocol is null || d.Source is null ? null
                : new LedgerRule(d.Direction == WireDirection.Egress ? "egress" : "ingress", d.Protocol, d.FromPort, d.ToPort, d.Source, d.Description),
            DeclaredDescription = d.DeclaredDescription,
            LiveDescription = d.LiveDescription,
            Severity = d.Severity.ToString().ToLowerInvariant(),
            Findings = [.. d.Findings.Select(f => new LedgerFinding(f.PolicyId, f.Severity.ToString().ToLowerInvariant(), f.Title,
                PolicyCatalog.Find(f.PolicyId)?.Controls ?? [], f.Waived))],
            Accepted = d.Accepted ? true : null,
        }).ToList();
        return (entries, []);
    }

    /// <summary>
    /// The alerts of a result that could be merged (the check was incomplete: a region, account or group could not be
    /// read), each as a problem naming <paramref name="source"/>: a report over it must not look complete.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Alerts(string text, string source)
    {
        try
        {
            var dto = JsonSerializer.Deserialize(text, ReportJsonContext.Default.ReportDto);
            return dto?.Alerts is { Count: > 0 } alerts
                ? [.. alerts.Select(a => new Diagnostic(source, 0, $"this check was incomplete ({a.File}: {a.Message}); its drifts may be missing from the report"))]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Name(WireDriftKind k) => k switch
    {
        WireDriftKind.UnmanagedGroup => "unmanaged-group",
        WireDriftKind.MissingGroup => "missing-group",
        _ => k.ToString().ToLowerInvariant(),
    };
}
