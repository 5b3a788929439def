using System.Text;

namespace DriftGuard.Core.Reports.Text;

/// <summary>
/// Plain left-aligned columns separated by two spaces (Core has no Spectre.Console). Cells are sanitised:
/// control characters, including ESC, become spaces so an IaC string cannot move the cursor or recolour a terminal.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add([.. cells.Select(Sanitize)]);

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        WriteRow(output, headers, widths);
        foreach (var row in _rows) WriteRow(output, row, widths);
    }

    /// <summary>Replaces control and line-separator characters with spaces.</summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        return sb.ToString();
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var line = string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i])));
        output.Write(line.TrimEnd() + "\n");
    }
}
