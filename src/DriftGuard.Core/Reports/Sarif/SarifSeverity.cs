using DriftGuard.Core.Model;

namespace DriftGuard.Core.Reports.Sarif;

/// <summary>The one mapping from DriftGuard severity to SARIF level and GitHub security severity.</summary>
public static class SarifSeverity
{
    /// <summary>
    /// Maps a severity to the result <c>level</c> and the rule property <c>security-severity</c>:
    /// critical → (error, 9.5), high → (error, 8.0), medium → (warning, 5.5), low → (note, 3.0), none → (note, 0.0).
    /// </summary>
    /// <remarks>
    /// SARIF 2.1.0 §3.27.10 (result.level: <c>error</c>, <c>warning</c>, <c>note</c>, <c>none</c>);
    /// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html#_Toc34317648.
    /// GitHub code scanning reads <c>security-severity</c> (0.0–10.0) from the rule's properties:
    /// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object.
    /// </remarks>
    public static (string Level, string SecuritySeverity) ToSarif(Severity severity) => severity switch
    {
        Severity.Critical => ("error", "9.5"),
        Severity.High => ("error", "8.0"),
        Severity.Medium => ("warning", "5.5"),
        Severity.Low => ("note", "3.0"),
        _ => ("note", "0.0"),
    };
}
