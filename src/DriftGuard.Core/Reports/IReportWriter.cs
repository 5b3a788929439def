namespace DriftGuard.Core.Reports;

/// <summary>One output format. Writers print sorted, deterministic output to an injected writer.</summary>
public interface IReportWriter
{
    /// <summary>Format name as given to <c>--format</c>: <c>text</c>, <c>json</c>, <c>markdown</c>, <c>sarif</c>.</summary>
    string Format { get; }

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    void Write(ScanReport report, TextWriter output);
}
