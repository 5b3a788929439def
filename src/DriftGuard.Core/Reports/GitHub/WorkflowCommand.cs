using System.Text;

namespace DriftGuard.Core.Reports.GitHub;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…,title=…::message</c>) with GitHub's escaping rules.
/// </summary>
/// <remarks>
/// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands; the escaping matches the
/// runner toolkit's <c>escapeData</c> / <c>escapeProperty</c> (actions/toolkit packages/core/src/command.ts).
/// </remarks>
public static class WorkflowCommand
{
    /// <summary>Escapes a command message: <c>%</c> → <c>%25</c>, CR → <c>%0D</c>, LF → <c>%0A</c>.</summary>
    public static string EscapeData(string? value) =>
        (value ?? "").Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>Escapes a property value: as <see cref="EscapeData"/>, plus <c>:</c> → <c>%3A</c> and <c>,</c> → <c>%2C</c>.</summary>
    public static string EscapeProperty(string? value) =>
        EscapeData(value).Replace(":", "%3A").Replace(",", "%2C");

    /// <summary>
    /// One annotation command line. <paramref name="file"/> and <paramref name="line"/> are left out when null;
    /// <paramref name="level"/> is <c>error</c>, <c>warning</c> or <c>notice</c>.
    /// </summary>
    public static string Annotation(string level, string? file, int? line, string title, string message)
    {
        var properties = new List<string>();
        if (file is not null) properties.Add("file=" + EscapeProperty(file));
        if (file is not null && line is > 0) properties.Add("line=" + line.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        properties.Add("title=" + EscapeProperty(title));
        var sb = new StringBuilder("::").Append(level).Append(' ').AppendJoin(',', properties).Append("::").Append(EscapeData(message));
        return sb.ToString();
    }
}
