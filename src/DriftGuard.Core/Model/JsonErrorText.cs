using System.Text.Json;

namespace DriftGuard.Core.Model;

/// <summary>
/// Turns a <see cref="JsonException"/> into a located one-line diagnostic: the line and column go to
/// <c>FILE:LINE:COLUMN</c>, and the message keeps only what is wrong, without System.Text.Json's
/// <c>Path: … | LineNumber: 0 | BytePositionInLine: 280.</c> tail or the names of DriftGuard's internal types.
/// </summary>
public static class JsonErrorText
{
    /// <summary>What is wrong, one line: e.g. <c>'}' is an invalid start of a value</c>, or <c>unexpected value at $.version</c>.</summary>
    public static string Message(JsonException ex)
    {
        var message = ex.Message.ReplaceLineEndings(" ");
        foreach (var tail in new[] { " Path: ", " LineNumber: ", " | LineNumber: " })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
        }
        message = message.Trim().TrimEnd('.');
        // "The JSON value could not be converted to Some.Internal.Type": the type means nothing to a user; the path does.
        if (message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
            message = "unexpected value";
        if (message.Length == 0) message = "invalid JSON";
        return ex.Path is { Length: > 1 } path ? $"{message} at {path}" : message;
    }

    /// <summary>
    /// A diagnostic for <paramref name="file"/> at the exception's line (plus <paramref name="lineBase"/> when the JSON
    /// started further down the file) and column, reading <c>PREFIX: message</c> (just the message when the prefix is empty).
    /// </summary>
    public static Diagnostic Diagnostic(string file, JsonException ex, string prefix, long lineBase = 0) =>
        new(file, ex.LineNumber is { } line ? (int)(line + lineBase) + 1 : 0, prefix.Length > 0 ? $"{prefix}: {Message(ex)}" : Message(ex))
        {
            Column = ex.LineNumber is not null && ex.BytePositionInLine is { } column ? (int)column + 1 : 0,
        };
}
