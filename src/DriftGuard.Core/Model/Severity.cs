namespace DriftGuard.Core.Model;

/// <summary>Severity of a policy finding or drift, ordered low to critical. <see cref="None"/> ranks below every finding.</summary>
public enum Severity
{
    /// <summary>No severity (informational, or <c>--fail-on never</c>).</summary>
    None = 0,
    /// <summary>Low.</summary>
    Low = 1,
    /// <summary>Medium.</summary>
    Medium = 2,
    /// <summary>High.</summary>
    High = 3,
    /// <summary>Critical.</summary>
    Critical = 4,
}

/// <summary>Parsing and formatting of severities as users type them.</summary>
public static class Severities
{
    /// <summary>Lower-case name: <c>critical</c>, <c>high</c>, <c>medium</c>, <c>low</c>, <c>none</c>.</summary>
    public static string Name(this Severity s) => s.ToString().ToLowerInvariant();

    /// <summary>Parses a severity name (case-insensitive); <c>never</c> means a threshold nothing reaches.</summary>
    public static bool TryParseThreshold(string? text, out Severity threshold)
    {
        threshold = Severity.High;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "critical": threshold = Severity.Critical; return true;
            case "high": threshold = Severity.High; return true;
            case "medium": threshold = Severity.Medium; return true;
            case "low": threshold = Severity.Low; return true;
            case "never" or "none": threshold = (Severity)int.MaxValue; return true;
            default: return false;
        }
    }
}
