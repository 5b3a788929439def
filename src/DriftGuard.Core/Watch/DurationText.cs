using System.Globalization;

namespace DriftGuard.Core.Watch;

/// <summary>Durations as users type them on the command line: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1m30s</c>, or plain seconds (<c>45</c>).</summary>
public static class DurationText
{
    /// <summary>Parses <paramref name="text"/>; false with a one-line reason for anything else (negative values included).</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        var s = text?.Trim().ToLowerInvariant() ?? "";
        if (s.Length == 0) { error = "empty duration"; return false; }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0)
        {
            value = TimeSpan.FromSeconds(plain);
            return true;
        }
        var total = TimeSpan.Zero;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (start == i || !double.TryParse(s[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return Bad(text, out error);
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            TimeSpan? part = s[unitStart..i] switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => null,
            };
            if (part is null) return Bad(text, out error);
            total += part.Value;
        }
        value = total;
        return true;
    }

    /// <summary>Short text for logs: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1)) return $"{(int)value.TotalMilliseconds}ms";
        if (value.TotalSeconds % 60 != 0 || value < TimeSpan.FromMinutes(1)) return $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";
        if (value.TotalMinutes % 60 != 0 || value < TimeSpan.FromHours(1)) return $"{(int)value.TotalMinutes}m";
        return $"{(int)value.TotalHours}h";
    }

    private static bool Bad(string? text, out string? error)
    {
        error = $"invalid duration '{text}': use e.g. 500ms, 30s, 5m or 1h";
        return false;
    }
}
