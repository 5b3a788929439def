using System.Text.Json.Serialization;

namespace DriftGuard.Core.Reports.Sarif;

// Our own SARIF 2.1.0 records (Sarif.Sdk is not available): only the properties DriftGuard writes.
// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html — section numbers cited per type.

/// <summary>The log file object (SARIF §3.13): <c>$schema</c>, <c>version</c> 2.1.0 and one run.</summary>
public sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema,
    string Version,
    IReadOnlyList<SarifRun> Runs);

/// <summary>A run (§3.14): the tool and its results.</summary>
public sealed record SarifRun(SarifTool Tool, IReadOnlyList<SarifResult> Results)
{
    /// <summary>Column unit (§3.14.19); DriftGuard reports lines only, but states the unit GitHub expects.</summary>
    public string ColumnKind { get; init; } = "utf16CodeUnits";
}

/// <summary>The tool (§3.18).</summary>
public sealed record SarifTool(SarifDriver Driver);

/// <summary>The tool component that produced the results (§3.19): name, version, rules.</summary>
public sealed record SarifDriver(string Name, string InformationUri, string Version, string SemanticVersion,
                                 IReadOnlyList<SarifRule> Rules);

/// <summary>A rule, SARIF's <c>reportingDescriptor</c> (§3.49).</summary>
public sealed record SarifRule(
    string Id,
    string Name,
    SarifMessage ShortDescription,
    SarifMessage FullDescription,
    SarifMultiformatMessage Help,
    string HelpUri,
    SarifRuleConfiguration DefaultConfiguration,
    SarifRuleProperties Properties);

/// <summary>A plain-text message (§3.11).</summary>
public sealed record SarifMessage(string Text);

/// <summary>A message with text and Markdown forms (§3.12).</summary>
public sealed record SarifMultiformatMessage(string Text, string Markdown);

/// <summary>A rule's default configuration (§3.50): its level.</summary>
public sealed record SarifRuleConfiguration(string Level);

/// <summary>Rule property bag (§3.8) with the keys GitHub code scanning reads.</summary>
/// <param name="SecuritySeverity">"0.0"–"10.0" as a string; GitHub maps ≥ 9.0 critical, ≥ 7.0 high, ≥ 4.0 medium, else low.</param>
/// <param name="Tags">Tags shown as filters; <c>security</c> makes GitHub treat the rule as a security rule.</param>
/// <param name="Precision"><c>very-high</c>, <c>high</c>, <c>medium</c> or <c>low</c>.</param>
public sealed record SarifRuleProperties(
    [property: JsonPropertyName("security-severity")] string SecuritySeverity,
    IReadOnlyList<string> Tags,
    string Precision);

/// <summary>A result (§3.27).</summary>
public sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifMessage Message,
    IReadOnlyList<SarifLocation>? Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints)
{
    /// <summary>Suppressions (§3.27.23); present only for waived findings and accepted drifts.</summary>
    public IReadOnlyList<SarifSuppression>? Suppressions { get; init; }
}

/// <summary>A location (§3.28).</summary>
public sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation);

/// <summary>A physical location (§3.29): artifact and region.</summary>
public sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);

/// <summary>An artifact location (§3.4): a relative URI resolved against <c>uriBaseId</c>, or an absolute URI (e.g. <c>s3://</c>) without one.</summary>
public sealed record SarifArtifactLocation(string Uri, string? UriBaseId);

/// <summary>A region (§3.30): 1-based start line.</summary>
public sealed record SarifRegion(int StartLine);

/// <summary>A suppression (§3.35): kind <c>external</c> (a waiver file or baseline), status, justification.</summary>
public sealed record SarifSuppression(string Kind, string Status, string Justification);
