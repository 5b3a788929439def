using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Remediation;

/// <summary>
/// The remediation audit log: appends one JSON object per line (https://jsonlines.org/) per <see cref="AuditRecord"/>,
/// camelCase, time in UTC ISO 8601. Problems writing the file become a <see cref="Diagnostic"/>, never an exception.
/// </summary>
public static class AuditLog
{
    /// <summary>One record as a single JSON line (no trailing newline).</summary>
    public static string ToJsonLine(AuditRecord record) =>
        JsonSerializer.Serialize(record with { Time = record.Time.ToUniversalTime() }, AuditJsonContext.Default.AuditRecord);

    /// <summary>
    /// Checks that <paramref name="path"/> can be appended to (creating it and its folder when absent), so that no
    /// change is made that could not be audited.
    /// </summary>
    /// <returns>Null when writable, else the error.</returns>
    public static Diagnostic? CheckWritable(string path) => Append(path, []);

    /// <summary>Appends <paramref name="records"/> to <paramref name="path"/> (created with its folder when absent).</summary>
    /// <returns>Null on success, else the error.</returns>
    public static Diagnostic? Append(string path, IEnumerable<AuditRecord> records)
    {
        try
        {
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var text = new StringBuilder();
            foreach (var r in records) text.Append(ToJsonLine(r)).Append('\n');
            File.AppendAllText(path, text.ToString(), new UTF8Encoding(false));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new Diagnostic(path, 0, $"cannot write audit log: {ex.Message}");
        }
    }
}

/// <summary>Source-generated serializer of audit lines (no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
                             DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AuditRecord))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
