namespace DriftGuard.Core.Codify;

/// <summary>
/// Just enough of HCL's lexical structure (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md) to find the
/// brace that closes a block: strings (with escapes and <c>${…}</c>), <c>#</c>, <c>//</c> and <c>/* */</c> comments are skipped.
/// </summary>
internal static class HclScanner
{
    /// <summary>Index of the <c>}</c> matching the <c>{</c> at <paramref name="open"/>, or -1.</summary>
    public static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"') { i = StringEnd(text, i); if (i < 0) return -1; }
            else if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/')) { i = text.IndexOf('\n', i); if (i < 0) return -1; }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*') { i = text.IndexOf("*/", i + 2, StringComparison.Ordinal); if (i < 0) return -1; i++; }
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }

    private static int StringEnd(string text, int quote)
    {
        var interpolation = 0;
        for (var i = quote + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\') i++;
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{') { interpolation++; i++; }
            else if (c == '}' && interpolation > 0) interpolation--;
            else if (c == '"' && interpolation == 0) return i;
            else if (c == '\n') return -1;
        }
        return -1;
    }
}
