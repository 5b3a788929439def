namespace DriftGuard.Core.Drift;

/// <summary>
/// A glob where <c>*</c> matches any run of characters (and nothing else is special), matched ordinally and
/// case-sensitively without backtracking: the literal segments between stars are found left to right, each once, so a
/// match costs at most one pass of <see cref="string.IndexOf(string, int, StringComparison)"/> per segment over the text.
/// </summary>
/// <remarks>
/// Taking the leftmost occurrence of each middle segment is always safe: any later occurrence leaves less text for
/// the segments after it, so if the leftmost fails every other choice fails too.
/// </remarks>
internal sealed class WildcardPattern
{
    private readonly string _prefix;
    private readonly string[] _middle;
    private readonly string _suffix;
    private readonly bool _hasStar;

    /// <summary>Compiles <paramref name="pattern"/>; consecutive stars act as one.</summary>
    public WildcardPattern(string pattern)
    {
        var segments = pattern.Split('*');
        _hasStar = segments.Length > 1;
        _prefix = segments[0];
        _suffix = _hasStar ? segments[^1] : "";
        _middle = _hasStar ? [.. segments[1..^1].Where(s => s.Length > 0)] : [];
    }

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool IsMatch(string text)
    {
        if (!_hasStar) return string.Equals(text, _prefix, StringComparison.Ordinal);
        if (text.Length < _prefix.Length + _suffix.Length) return false;
        if (!text.StartsWith(_prefix, StringComparison.Ordinal) || !text.EndsWith(_suffix, StringComparison.Ordinal)) return false;
        var position = _prefix.Length;
        var end = text.Length - _suffix.Length;
        foreach (var segment in _middle)
        {
            var found = text.IndexOf(segment, position, end - position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + segment.Length;
        }
        return true;
    }
}
