using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Reports;

/// <summary>
/// Everything a command found, ready for any writer: gate fills findings; check also fills drifts and alerts.
/// Writers sort what they print so output is stable across runs.
/// </summary>
/// <param name="Command"><c>gate</c>, <c>check</c> or <c>remediate</c>.</param>
public sealed record ScanReport(string Command)
{
    /// <summary>Tool version.</summary>
    public string ToolVersion { get; init; } = typeof(ScanReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    /// <summary>IaC inputs read (display paths).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
    /// <summary>Declared groups evaluated.</summary>
    public IReadOnlyList<SecurityGroup> Groups { get; init; } = [];
    /// <summary>Policy findings, waived ones included (flagged).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    /// <summary>Drifts (check only).</summary>
    public IReadOnlyList<DriftItem> Drifts { get; init; } = [];
    /// <summary>Warnings; never part of the exit code.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];
    /// <summary>Input errors (exit code 2).</summary>
    public IReadOnlyList<Diagnostic> Errors { get; init; } = [];
    /// <summary>Alerts: parts that could not be read live (AccessDenied, unreadable region).</summary>
    public IReadOnlyList<Diagnostic> Alerts { get; init; } = [];
    /// <summary>Files that are not IaC, skipped.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];
    /// <summary>The <c>--fail-on</c> threshold.</summary>
    public Severity FailOn { get; init; } = Severity.High;
    /// <summary>Exit code the command ends with (see ExitCodes).</summary>
    public int ExitCode { get; init; }
    /// <summary>When the scan ran (UTC).</summary>
    public DateTimeOffset GeneratedAt { get; init; } = DateTimeOffset.UtcNow;
}
