namespace DriftGuard.Core.Reports;

/// <summary>The registry of report formats given to <c>--format</c>.</summary>
public static class ReportWriters
{
    /// <summary>Every format name, in the order help text lists them: <c>text</c>, <c>json</c>, <c>markdown</c>, <c>sarif</c>.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["text", "json", "markdown", "sarif"];

    /// <summary>
    /// The writer of <paramref name="format"/> (case-insensitive; <c>md</c> is accepted for markdown).
    /// <paramref name="baseDirectory"/> is the directory SARIF URIs are made relative to (null = current directory).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown format; the message lists the known ones.</exception>
    public static IReportWriter Get(string format, string? baseDirectory = null) =>
        TryGet(format, out var writer, baseDirectory)
            ? writer
            : throw new ArgumentException($"unknown report format '{format}'; expected one of: {string.Join(", ", Formats)}", nameof(format));

    /// <summary>Like <see cref="Get"/>, returning false for an unknown format.</summary>
    public static bool TryGet(string? format, out IReportWriter writer, string? baseDirectory = null)
    {
        writer = format?.Trim().ToLowerInvariant() switch
        {
            "text" => new TextReportWriter(),
            "json" => new JsonReportWriter(),
            "markdown" or "md" => new MarkdownReportWriter(),
            "sarif" => new SarifReportWriter(new SarifOptions { BaseDirectory = baseDirectory }),
            _ => null!,
        };
        return writer is not null;
    }
}
