using System.Text.Json;
using DriftGuard.Core.Model;
using YamlDotNet.Core;

namespace DriftGuard.Core.Declared;

/// <summary>
/// For a file whose kind could not be detected: finds the first JSON or YAML syntax error, so that a
/// truncated template gets <c>error: FILE:LINE: …</c> instead of being skipped as "not IaC".
/// </summary>
internal static class SyntaxProbe
{
    private const long MaxProbeBytes = 16L * 1024 * 1024;

    public sealed record SyntaxError(int Line, string Message)
    {
        public int Column { get; init; }
    }

    public static SyntaxError? FirstError(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxProbeBytes) return null;
            var bytes = File.ReadAllBytes(path);
            var text = IacDetector.DecodeHead(bytes, out var binary);
            if (binary) return new SyntaxError(0, "binary file (not JSON or YAML text)");
            var trimmed = text.TrimStart();
            if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
            {
                try
                {
                    using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                    return null;
                }
                catch (JsonException ex)
                {
                    var located = JsonErrorText.Diagnostic(path, ex, "invalid JSON");
                    return new SyntaxError(located.Line, located.Message) { Column = located.Column };
                }
            }
            var parser = new Parser(new StringReader(text));
            var depth = 0;
            var events = 0;
            try
            {
                while (parser.MoveNext())
                {
                    if (++events > 1_000_000) return null;
                    switch (parser.Current)
                    {
                        case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                            if (++depth > 256) return new SyntaxError((int)parser.Current.Start.Line, "nesting deeper than 256 levels");
                            break;
                        case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                            depth--;
                            break;
                    }
                }
                return null;
            }
            catch (YamlException ex)
            {
                return new SyntaxError((int)ex.Start.Line, $"invalid YAML: {FirstSentence(ex.Message)}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SyntaxError(0, $"cannot read file: {ex.Message}");
        }
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
