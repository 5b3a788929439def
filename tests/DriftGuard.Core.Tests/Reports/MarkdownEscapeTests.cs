using CsCheck;
using DriftGuard.Core.Reports.Markdown;

namespace DriftGuard.Core.Tests.Reports;

public sealed class MarkdownEscapeTests
{
    [Theory]
    [InlineData("a | b", @"a \| b")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("AT&T", "AT&amp;T")]
    [InlineData("`rm -rf`", "&#96;rm -rf&#96;")]
    [InlineData("ping @org/security-team", "ping @\u200Dorg/security-team")]
    [InlineData("line1\nline2\r\nline3\rline4", "line1 line2 line3 line4")]
    [InlineData("[click](https://evil.example)", @"\[click\](https://evil.example)")]
    [InlineData("![pixel](https://evil.example/t.png)", @"!\[pixel\](https://evil.example/t.png)")]
    [InlineData("**bold** _it_ ~~gone~~ #12", @"\*\*bold\*\* \_it\_ \~\~gone\~\~ \#12")]
    [InlineData(@"C:\path\", @"C:\\path\\")]
    [InlineData(null, "")]
    public void Inline_WhenUntrustedTextGiven_ShouldRenderItLiterally(string? input, string expected)
    {
        // Given untrusted text
        // When
        var escaped = MarkdownEscape.Inline(input);
        // Then
        escaped.ShouldBe(expected);
    }

    [Fact]
    public void Inline_WhenAnyStringGiven_ShouldNeverLeaveAnActiveCharacter()
    {
        // Given any string, including control characters and Markdown syntax
        Gen.String[Gen.OneOf(Gen.Char[(char)0, (char)0x7F], Gen.Const('\u2028'), Gen.Const('@')), 0, 60]
           .Sample(text =>
           {
               // When
               var escaped = MarkdownEscape.Inline(text);
               // Then: no raw HTML, no code span, no line break, no unescaped pipe, no live mention
               escaped.ShouldNotContain('<');
               escaped.ShouldNotContain('>');
               escaped.ShouldNotContain('`');
               escaped.IndexOfAny(['\n', '\r', '\u2028']).ShouldBe(-1);
               for (var i = 0; i < escaped.Length; i++)
               {
                   // An odd run of backslashes escapes the pipe (an escaped backslash from the input may precede it).
                   if (escaped[i] == '|') (CountBackslashesBefore(escaped, i) % 2).ShouldBe(1, $"pipe at {i} of '{escaped}' is not escaped");
                   if (escaped[i] == '@') (i + 1 < escaped.Length && escaped[i + 1] == MarkdownEscape.ZeroWidthJoiner).ShouldBeTrue();
               }
           });
    }

    private static int CountBackslashesBefore(string s, int index)
    {
        var n = 0;
        while (index - n - 1 >= 0 && s[index - n - 1] == '\\') n++;
        return n;
    }
}
