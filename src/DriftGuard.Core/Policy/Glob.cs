namespace DriftGuard.Core.Policy;

/// <summary>Glob matching for waiver resource patterns: <c>*</c> any run of characters (dots and slashes included), <c>?</c> one character; ordinal, case-sensitive.</summary>
internal static class Glob
{
    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> entirely. Linear-time greedy match with backtracking to the last star, so no pattern can blow up.</summary>
    public static bool IsMatch(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t])) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
