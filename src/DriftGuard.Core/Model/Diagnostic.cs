namespace DriftGuard.Core.Model;

/// <summary>A located message: an input error (exit code 2) or a warning (never part of the exit code).</summary>
/// <param name="File">File the message is about.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Message">One line, no stack trace.</param>
public sealed record Diagnostic(string File, int Line, string Message)
{
    /// <summary>Resource address or logical id the message is about, when known.</summary>
    public string? Resource { get; init; }

    /// <summary>1-based column (in bytes for JSON input, as System.Text.Json counts), or 0 when unknown or not useful.</summary>
    public int Column { get; init; }

    /// <summary><c>error: FILE:LINE[:COLUMN]: message</c>, the one-line CLI form.</summary>
    public string ToCliLine(string level) => Line > 0
        ? Column > 0 ? $"{level}: {File}:{Line}:{Column}: {Message}" : $"{level}: {File}:{Line}: {Message}"
        : $"{level}: {File}: {Message}";
}
