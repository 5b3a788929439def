using System.Text;
using DriftGuard.Core.Reports.Markdown;

namespace DriftGuard.GitHub.Comments;

/// <summary>
/// Untrusted text (group descriptions, tag values, resource names, file names) made inert for a pull-request comment:
/// <see cref="MarkdownEscape.Inline"/> (no HTML, no table breaks, no Markdown links, no @mentions), and in addition no
/// GFM <em>extended autolinks</em> (https://github.github.com/gfm/#autolinks-extension-): <c>www.</c>,
/// <c>http://</c>, <c>https://</c>, <c>ftp://</c>, <c>mailto:</c> and <c>xmpp:</c> get a zero-width space inside, so
/// the only links in our comments are the ones we build.
/// </summary>
public static class CommentText
{
    /// <summary>The zero-width space that breaks an autolink without changing what a reader sees.</summary>
    public const char ZeroWidthSpace = '\u200B';

    private static readonly string[] LinkStarts = ["www.", "://", "mailto:", "xmpp:"];

    /// <summary>Escapes <paramref name="text"/> for inline use (table cells, list items); null becomes empty.</summary>
    public static string Inline(string? text)
    {
        var escaped = MarkdownEscape.Inline(text);
        if (escaped.Length == 0) return escaped;
        var sb = new StringBuilder(escaped.Length + 8);
        for (var i = 0; i < escaped.Length; i++)
        {
            var start = LinkStarts.FirstOrDefault(s => string.Compare(escaped, i, s, 0, s.Length, StringComparison.OrdinalIgnoreCase) == 0);
            if (start is null)
            {
                sb.Append(escaped[i]);
                continue;
            }
            // "www" + ZWSP + "."; ":" + ZWSP + "//"; "mailto" + ZWSP + ":".
            var cut = start switch { "www." => 3, "://" => 1, _ => start.Length - 1 };
            sb.Append(escaped, i, cut).Append(ZeroWidthSpace).Append(escaped, i + cut, start.Length - cut);
            i += start.Length - 1;
        }
        return sb.ToString();
    }
}
