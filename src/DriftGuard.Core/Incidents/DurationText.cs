using System.Globalization;

namespace DriftGuard.Core.Incidents;

/// <summary>Durations and times as people read them in incident reports.</summary>
public static class DurationText
{
    /// <summary><c>2.41 s</c>, <c>3 min 12 s</c>, <c>3 h 15 min</c>, <c>2 d 4 h</c>; <c>unknown</c> for null.</summary>
    public static string Format(TimeSpan? t)
    {
        if (t is not { } d) return "unknown";
        var c = CultureInfo.InvariantCulture;
        if (d.TotalSeconds < 60) return d.TotalSeconds.ToString("0.##", c) + " s";
        if (d.TotalMinutes < 60) return $"{(int)d.TotalMinutes} min {d.Seconds} s";
        if (d.TotalHours < 24) return $"{(int)d.TotalHours} h {d.Minutes} min";
        return $"{(int)d.TotalDays} d {d.Hours} h";
    }

    /// <summary><c>2026-06-01 12:00:03.250 UTC</c>; <c>unknown</c> for null.</summary>
    public static string Time(DateTimeOffset? t) =>
        t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC" : "unknown";
}
