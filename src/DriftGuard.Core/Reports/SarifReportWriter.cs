using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports.Sarif;

namespace DriftGuard.Core.Reports;

/// <summary>Settings of the SARIF writer.</summary>
public sealed record SarifOptions
{
    /// <summary>Directory artifact URIs are made relative to (the repository root); null = current directory.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary><c>tool.driver.informationUri</c>: the project home page.</summary>
    public string InformationUri { get; init; } = "https://github.com/driftguard/driftguard";

    /// <summary>Prefix of every rule's <c>helpUri</c>; the rule id and <c>.md</c> are appended (docs/policies/&lt;id&gt;.md).</summary>
    public string PolicyDocsUri { get; init; } = "https://github.com/driftguard/driftguard/blob/main/docs/policies/";

    /// <summary>Optional policy-catalogue lookup by policy id, for rule names, descriptions and remediation text.</summary>
    public Func<string, SarifRuleText?>? RuleText { get; init; }
}

/// <summary>
/// Writes SARIF 2.1.0 (format <c>sarif</c>) for GitHub code scanning: one rule per policy or drift kind, one
/// result per finding and per drift, waived findings and accepted drifts as external suppressions.
/// </summary>
/// <remarks>
/// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html; GitHub's subset:
/// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning.
/// Every result has a location (code scanning rejects results without one): a drift is placed at the file and line
/// that declare its group, and an unmanaged group at line 1 of the first IaC input.
/// </remarks>
public sealed class SarifReportWriter(SarifOptions? options = null) : IReportWriter
{
    /// <summary>The <c>$schema</c> written into the log.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Key of DriftGuard's line-independent fingerprint in <c>partialFingerprints</c> (§3.27.17).</summary>
    public const string FingerprintKey = "driftguard/v1";

    private readonly SarifOptions _options = options ?? new SarifOptions();

    /// <inheritdoc />
    public string Format => "sarif";

    /// <inheritdoc />
    public void Write(ScanReport report, TextWriter output)
    {
        output.Write(JsonSerializer.Serialize(Build(report), SarifJsonContext.Default.SarifLog));
        output.Write('\n');
    }

    /// <summary>The SARIF log of <paramref name="report"/>.</summary>
    public SarifLog Build(ScanReport report)
    {
        var baseDirectory = _options.BaseDirectory ?? Directory.GetCurrentDirectory();
        var findings = ReportOrder.Sort(report.Findings);
        var drifts = ReportOrder.Sort(report.Drifts);

        var rules = findings.GroupBy(f => f.PolicyId)
                            .Select(g => PolicyRule(g.Key, g.First(), DriftRules.Max(g.Select(f => f.Severity))))
                            .Concat(drifts.GroupBy(d => d.Kind)
                                          .Select(g => DriftRule(g.Key, DriftRules.Max(g.Select(d => d.Severity)))))
                            .OrderBy(r => r.Id, StringComparer.Ordinal)
                            .ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var fallback = report.Inputs.FirstOrDefault(); // the first input as the command read them
        var results = findings.Select(f => FindingResult(f, index, baseDirectory))
                              .Concat(drifts.Select(d => DriftResult(d, report, fallback, index, baseDirectory)))
                              .ToList();

        var driver = new SarifDriver("DriftGuard", _options.InformationUri, report.ToolVersion, report.ToolVersion, rules);
        return new SarifLog(SchemaUri, "2.1.0", [new SarifRun(new SarifTool(driver), results)]);
    }

    private SarifRule PolicyRule(string id, Finding sample, Severity severity)
    {
        var (level, securitySeverity) = SarifSeverity.ToSarif(severity);
        var text = _options.RuleText?.Invoke(id);
        var helpUri = _options.PolicyDocsUri + id + ".md";
        var controls = sample.Controls.Count == 0 ? "" : "Controls: " + string.Join(", ", sample.Controls) + ".";
        var description = text?.Description ?? sample.Title + ".";
        var remediation = text?.Remediation ?? "See the policy page for the fix.";
        var helpText = Join(description, controls, remediation, helpUri);
        var helpMarkdown = Join(description,
                                sample.Controls.Count == 0 ? "" : "Controls: " + string.Join(", ", sample.Controls.Select(c => $"`{c}`")) + ".",
                                remediation, $"[{id}]({helpUri})");
        return new SarifRule(id, text?.Name ?? DriftRules.NameFromTitle(sample.Title), new SarifMessage(sample.Title),
                             new SarifMessage(Join(description, controls)), new SarifMultiformatMessage(helpText, helpMarkdown),
                             helpUri, new SarifRuleConfiguration(level),
                             new SarifRuleProperties(securitySeverity, ["security", "aws", "security-group", .. sample.Controls], "very-high"));
    }

    private SarifRule DriftRule(DriftKind kind, Severity severity)
    {
        var (level, securitySeverity) = SarifSeverity.ToSarif(severity);
        var id = DriftRules.Id(kind);
        var text = DriftRules.Text(kind);
        var helpUri = _options.PolicyDocsUri + id + ".md";
        return new SarifRule(id, text.Name, new SarifMessage(text.Description), new SarifMessage(text.Description),
                             new SarifMultiformatMessage(Join(text.Description, text.Remediation, helpUri),
                                                         Join(text.Description, text.Remediation, $"[{id}]({helpUri})")),
                             helpUri, new SarifRuleConfiguration(level),
                             new SarifRuleProperties(securitySeverity, ["security", "aws", "security-group", "drift"], "high"));
    }

    private static SarifResult FindingResult(Finding f, Dictionary<string, int> index, string baseDirectory)
    {
        var (level, _) = SarifSeverity.ToSarif(f.Severity);
        var message = $"{(f.Message.Length > 0 ? f.Message : f.Title)} ({f.Resource}: {RuleText.Describe(f.Rule)})";
        if (f.WaiverExpired) message += $" Waiver expired: {f.WaiverReason ?? "no reason given"}.";
        return new SarifResult(f.PolicyId, index[f.PolicyId], level, new SarifMessage(message),
                               Location(f.File, f.Line, baseDirectory),
                               new Dictionary<string, string> { [FingerprintKey] = Hash(f.PolicyId, f.Resource, RuleText.Key(f.Rule)) })
        {
            Suppressions = f.Waived ? [new SarifSuppression("external", "accepted", f.WaiverReason ?? "waived")] : null,
        };
    }

    private static SarifResult DriftResult(DriftItem d, ScanReport report, string? fallbackFile,
                                           Dictionary<string, int> index, string baseDirectory)
    {
        var id = DriftRules.Id(d.Kind);
        var (level, _) = SarifSeverity.ToSarif(d.Severity);
        var (file, line) = DriftLocation(d, report, fallbackFile);
        var fingerprint = d.Fingerprint.Length > 0 ? d.Fingerprint : Hash(id, ReportOrder.GroupLabel(d), RuleText.Key(d.Rule));
        return new SarifResult(id, index[id], level, new SarifMessage(DriftMessages.Describe(d)),
                               Location(file, line, baseDirectory),
                               new Dictionary<string, string> { [FingerprintKey] = fingerprint })
        {
            Suppressions = d.Accepted ? [new SarifSuppression("external", "accepted", "accepted by the baseline file")] : null,
        };
    }

    /// <summary>Where <see cref="DriftLocations.Resolve"/> puts the drift, else line 1 of the first IaC input.</summary>
    private static (string? File, int Line) DriftLocation(DriftItem d, ScanReport report, string? fallbackFile)
    {
        var (file, line) = DriftLocations.Resolve(d, report);
        return file is not null ? (file, line) : (fallbackFile, 1);
    }

    private static IReadOnlyList<SarifLocation>? Location(string? file, int line, string baseDirectory) =>
        file is null
            ? null
            : [new SarifLocation(new SarifPhysicalLocation(
                  SarifUris.IsAbsoluteUri(file)
                      ? new SarifArtifactLocation(file, null)
                      : new SarifArtifactLocation(SarifUris.Relative(file, baseDirectory), SarifUris.SourceRoot),
                  new SarifRegion(Math.Max(1, line))))];

    // Line numbers stay out of the hash so an edit above a rule does not make code scanning see a new alert.
    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    private static string Join(params string[] paragraphs) =>
        string.Join("\n\n", paragraphs.Where(p => p.Length > 0));
}
