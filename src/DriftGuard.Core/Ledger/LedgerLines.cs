using System.Text;
using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Ledger;

/// <summary>
/// The ledger's text form: JSON Lines (https://jsonlines.org/), one <see cref="LedgerEntry"/> per line, UTF-8.
/// A line that does not parse is reported as a <see cref="Diagnostic"/> with its line number and skipped; the
/// lines around it are still read.
/// </summary>
public static class LedgerLines
{
    /// <summary>One entry as one line (no trailing newline).</summary>
    public static string Format(LedgerEntry entry) => JsonSerializer.Serialize(entry, LedgerJsonContext.Default.LedgerEntry);

    /// <summary>Several entries, each followed by <c>\n</c>.</summary>
    public static string Format(IEnumerable<LedgerEntry> entries)
    {
        var sb = new StringBuilder();
        foreach (var e in entries) sb.Append(Format(e)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Parses ledger text; <paramref name="source"/> names the ledger in diagnostics.</summary>
    public static LedgerReadResult Parse(string text, string source)
    {
        var entries = new List<LedgerEntry>();
        var problems = new List<Diagnostic>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            try
            {
                var entry = JsonSerializer.Deserialize(line, LedgerJsonContext.Default.LedgerEntry);
                if (entry is null || string.IsNullOrEmpty(entry.Fingerprint) || string.IsNullOrEmpty(entry.Run))
                    problems.Add(new Diagnostic(source, lineNo, "corrupt ledger entry skipped: fingerprint and run are required"));
                else entries.Add(entry);
            }
            catch (JsonException ex)
            {
                problems.Add(new Diagnostic(source, lineNo, $"corrupt ledger entry skipped: {JsonErrorText.Message(ex)}"));
            }
        }
        return new LedgerReadResult(entries, problems);
    }

}
