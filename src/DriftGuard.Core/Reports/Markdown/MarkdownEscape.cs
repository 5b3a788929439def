using System.Text;

namespace DriftGuard.Core.Reports.Markdown;

/// <summary>
/// Makes an untrusted string (a group description, name, file name, waiver reason) inert inside GitHub-flavoured
/// Markdown, in table cells and list items alike: it renders as the literal text and can neither break the
/// table, inject HTML or links, open a code span, nor notify anyone.
/// </summary>
/// <remarks>
/// Rules (GFM spec https://github.github.com/gfm/): <c>&amp; &lt; &gt;</c> become entities (no raw HTML);
/// <c>|</c> becomes <c>\|</c> (GFM splits cells before inline parsing, so this is the only form that works inside
/// tables); the backtick becomes <c>&amp;#96;</c>; <c>\ * _ [ ] ~ #</c> are backslash-escaped (no emphasis, links,
/// images, strike-through or issue links); <c>@</c> is followed by a zero-width joiner (U+200D) so <c>@org/team</c>
/// mentions no one; CR, LF and other control characters become a space (a newline would end the table row).
/// </remarks>
public static class MarkdownEscape
{
    /// <summary>The zero-width joiner put after every <c>@</c>.</summary>
    public const char ZeroWidthJoiner = '\u200D';

    /// <summary>Escapes <paramref name="text"/> for inline Markdown; null becomes the empty string.</summary>
    public static string Inline(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '`': sb.Append("&#96;"); break;
                case '|': sb.Append("\\|"); break;
                case '@': sb.Append('@').Append(ZeroWidthJoiner); break;
                case '\\' or '*' or '_' or '[' or ']' or '~' or '#': sb.Append('\\').Append(c); break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n': break; // CRLF → one space
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029') sb.Append(' ');
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
