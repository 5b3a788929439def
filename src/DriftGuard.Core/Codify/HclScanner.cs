using System.Text;

namespace DriftGuard.Core.Codify;

/// <summary>
/// Just enough of HCL's lexical structure (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md) to find the
/// brace that closes a block and to tell code from text: quoted strings (escapes, <c>$${</c>, and <c>${…}</c> /
/// <c>%{…}</c> sequences that hold nested strings and braces), heredocs (<c>&lt;&lt;EOF</c> and <c>&lt;&lt;-EOF</c>,
/// ended by a line holding only the marker, indented or not), and <c>#</c>, <c>//</c> and <c>/* */</c> comments.
/// </summary>
internal static class HclScanner
{
    /// <summary>Index of the <c>}</c> matching the <c>{</c> at <paramref name="open"/>, or -1 (none, or text that never ends).</summary>
    public static int MatchingBrace(string text, int open)
    {
        var masked = Mask(text);
        return masked is null ? -1 : MatchingBraceInMask(masked, open);
    }

    /// <summary>Like <see cref="MatchingBrace"/>, on text already passed through <see cref="Mask"/>.</summary>
    public static int MatchingBraceInMask(string masked, int open)
    {
        var depth = 0;
        for (var i = open; i < masked.Length; i++)
        {
            if (masked[i] == '{') depth++;
            else if (masked[i] == '}' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>
    /// <paramref name="text"/> with the inside of every string, heredoc and comment turned into spaces (line breaks
    /// kept), so every index still points at the same place and only code keeps its braces and keywords. Null when a
    /// string, heredoc or block comment never ends.
    /// </summary>
    public static string? Mask(string text)
    {
        var sb = new StringBuilder(text);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"') { i = SkipString(text, i, sb); if (i < 0) return null; }
            else if (c == '#' || (c == '/' && At(text, i + 1, '/')))
            {
                var end = LineEnd(text, i);
                BlankRange(sb, text, i, end);
                i = end;
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) return null;
                BlankRange(sb, text, i, end + 2);
                i = end + 2;
            }
            else if (c == '<' && At(text, i + 1, '<') && HeredocEnd(text, i) is var (bodyStart, end))
            {
                if (end < 0) return null;
                BlankRange(sb, text, bodyStart, end);
                i = end;
            }
            else i++;
        }
        return sb.ToString();
    }

    /// <summary>Index after the closing quote of the string opening at <paramref name="quote"/>; -1 when it never closes on its line.</summary>
    private static int SkipString(string text, int quote, StringBuilder? sb)
    {
        var i = quote + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"') return i + 1;
            if (c is '\n' or '\r') return -1;
            if (c == '\\') { BlankRange(sb, text, i, Math.Min(i + 2, text.Length)); i += 2; continue; }
            if ((c is '$' or '%') && At(text, i + 1, c) && At(text, i + 2, '{')) { BlankRange(sb, text, i, i + 3); i += 3; continue; }
            if ((c is '$' or '%') && At(text, i + 1, '{'))
            {
                var end = SkipInterpolation(text, i + 2);
                if (end < 0) return -1;
                BlankRange(sb, text, i, end);
                i = end;
                continue;
            }
            BlankRange(sb, text, i, i + 1);
            i++;
        }
        return -1;
    }

    /// <summary>Index after the <c>}</c> closing an interpolation whose expression starts at <paramref name="start"/>; -1 if none.</summary>
    private static int SkipInterpolation(string text, int start)
    {
        var depth = 1;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"') { i = SkipString(text, i, null); if (i < 0) return -1; continue; }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i + 1;
            i++;
        }
        return -1;
    }

    /// <summary>
    /// For <c>&lt;&lt;ID</c> / <c>&lt;&lt;-ID</c> at <paramref name="at"/> followed by a line break: where its content
    /// starts and the index after its closing marker (-1 when the marker never comes); null when this is no heredoc.
    /// </summary>
    private static (int BodyStart, int End)? HeredocEnd(string text, int at)
    {
        var i = at + 2;
        if (At(text, i, '-')) i++;
        var idStart = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-')) i++;
        if (i == idStart || !char.IsLetter(text[idStart]) && text[idStart] != '_') return null;
        var id = text[idStart..i];
        if (At(text, i, '\r')) i++;
        if (!At(text, i, '\n')) return null;
        var bodyStart = i + 1;
        var line = bodyStart;
        while (line < text.Length)
        {
            var next = text.IndexOf('\n', line);
            var lineEnd = next < 0 ? text.Length : next;
            if (text[line..lineEnd].Trim(' ', '\t', '\r') == id) return (bodyStart, lineEnd);
            if (next < 0) break;
            line = next + 1;
        }
        return (bodyStart, -1);
    }

    private static int LineEnd(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end;
    }

    private static bool At(string text, int i, char c) => i < text.Length && text[i] == c;

    private static void BlankRange(StringBuilder? sb, string text, int from, int to)
    {
        if (sb is null) return;
        for (var i = from; i < to; i++)
            if (text[i] is not ('\n' or '\r')) sb[i] = ' ';
    }
}
