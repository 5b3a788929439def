using System.Text.Json;
using DriftGuard.Core.Reports.Json;

namespace DriftGuard.Core.Reports;

/// <summary>
/// Writes the JSON report (format <c>json</c>, version 1): the shape documented in docs/json-report.md and
/// validated by docs/schemas/driftguard-report.schema.json. Serialized through a source-generated context.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    /// <inheritdoc />
    public string Format => "json";

    /// <inheritdoc />
    public void Write(ScanReport report, TextWriter output)
    {
        output.Write(JsonSerializer.Serialize(ReportDtoMapper.ToDto(report), ReportJsonContext.Default.ReportDto));
        output.Write('\n');
    }
}
