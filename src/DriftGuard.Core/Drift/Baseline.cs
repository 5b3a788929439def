using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>
/// A baseline file: drifts accepted as they are, by <see cref="DriftItem.Fingerprint"/> (checkov's <c>--baseline</c>).
/// Accepted drifts stay in reports, flagged, and do not count toward the exit code.
/// Not to be confused with a <em>policy set</em> (a named rule selection).
/// </summary>
/// <remarks>
/// File shape (JSON): <c>{"version":1,"drifts":[{"fingerprint":"0123456789abcdef","kind":"unmanaged","groupId":"sg-…","rule":"sg-… ingress tcp/22 0.0.0.0/0"}]}</c>.
/// Only <c>fingerprint</c> is read back; the other fields are for people reviewing the file.
/// </remarks>
public sealed class Baseline
{
    private readonly HashSet<string> _fingerprints;

    private Baseline(HashSet<string> fingerprints, IReadOnlyList<Diagnostic> errors)
    {
        _fingerprints = fingerprints;
        Errors = errors;
    }

    /// <summary>A baseline that accepts nothing.</summary>
    public static Baseline Empty { get; } = new([], []);

    /// <summary>Problems met while loading (unreadable file, invalid JSON, wrong shape).</summary>
    public IReadOnlyList<Diagnostic> Errors { get; }

    /// <summary>The accepted fingerprints.</summary>
    public IReadOnlySet<string> Fingerprints => _fingerprints;

    /// <summary>A baseline accepting exactly <paramref name="drifts"/>.</summary>
    public static Baseline From(IEnumerable<DriftItem> drifts) => new(drifts.Select(d => d.Fingerprint).ToHashSet(StringComparer.Ordinal), []);

    /// <summary>True when the baseline accepts <paramref name="drift"/>.</summary>
    public bool Accepts(DriftItem drift) => _fingerprints.Contains(drift.Fingerprint);

    /// <summary>Writes <paramref name="drifts"/> to <paramref name="path"/>, sorted by fingerprint so the file diffs well.</summary>
    /// <exception cref="IOException">When the file cannot be written (the CLI reports it as a usage error).</exception>
    public static void Write(string path, IEnumerable<DriftItem> drifts)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", 1);
        json.WriteStartArray("drifts");
        foreach (var d in drifts.DistinctBy(d => d.Fingerprint).OrderBy(d => d.Fingerprint, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("fingerprint", d.Fingerprint);
            json.WriteString("kind", d.Kind.Name());
            if (d.GroupId is not null) json.WriteString("groupId", d.GroupId);
            if (d.Resource is not null) json.WriteString("resource", d.Resource);
            if (d.Rule is not null) json.WriteString("rule", d.Rule.ToString());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Loads a baseline; bad input becomes <see cref="Errors"/> and an empty baseline, never an exception.</summary>
    public static Baseline Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new([], [new Diagnostic(path, 0, $"cannot read baseline: {ex.Message}")]);
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("drifts", out var list) ||
                list.ValueKind != JsonValueKind.Array)
                return new([], [new Diagnostic(path, 1, "not a DriftGuard baseline: expected {\"version\":1,\"drifts\":[…]}")]);
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("fingerprint", out var f) && f.ValueKind == JsonValueKind.String)
                    set.Add(f.GetString()!);
            }
            return new(set, []);
        }
        catch (JsonException ex)
        {
            return new([], [JsonErrorText.Diagnostic(path, ex, "invalid JSON in baseline")]);
        }
    }
}
