using System.Text;
using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// One Terraform JSON file held as UTF-8 bytes (UTF-16 LE/BE input with or without a byte-order mark is
/// transcoded once; a UTF-8 BOM is skipped), with the reader options derived from <see cref="ReaderOptions"/>
/// and a cheap byte-offset → line mapping.
/// </summary>
internal sealed class TerraformJsonSource
{
    private readonly LineCounter _lines;

    private TerraformJsonSource(byte[] buffer, int start, int length, string display, ReaderOptions options)
    {
        Buffer = buffer;
        Start = start;
        Length = length;
        Display = display;
        var depth = Math.Max(1, options.MaxDepth);
        ReaderOptions = new JsonReaderOptions { MaxDepth = depth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        DocumentOptions = new JsonDocumentOptions { MaxDepth = depth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        _lines = new LineCounter(buffer, start);
    }

    /// <summary>The UTF-8 bytes; the JSON text is <c>Buffer[Start..Start+Length]</c>.</summary>
    public byte[] Buffer { get; }
    public int Start { get; }
    public int Length { get; }
    public string Display { get; }
    public JsonReaderOptions ReaderOptions { get; }
    public JsonDocumentOptions DocumentOptions { get; }

    /// <summary>The JSON text.</summary>
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(Start, Length);

    /// <summary>A range of the JSON text (offsets relative to <see cref="Span"/>).</summary>
    public ReadOnlyMemory<byte> Slice(JsonRange range) => Buffer.AsMemory(Start + range.Start, range.Length);

    /// <summary>1-based line of a byte offset relative to <see cref="Span"/>.</summary>
    public int LineAt(long offset) => _lines.LineAt(Start + (int)offset);

    /// <summary>Parses one range into a document the caller disposes.</summary>
    public JsonDocument Parse(JsonRange range) => JsonDocument.Parse(Slice(range), DocumentOptions);

    /// <summary>Loads <paramref name="path"/>; on failure returns null and a failed document.</summary>
    public static TerraformJsonSource? Load(string path, string display, ReaderOptions options, IacKind kind, out DeclaredDocument? failure)
    {
        failure = null;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) { failure = DeclaredDocument.Failed(display, kind, 0, "file not found"); return null; }
            if (info.Length > options.MaxFileBytes)
            {
                failure = DeclaredDocument.Failed(display, kind, 0, $"file is {info.Length} bytes, larger than the limit of {options.MaxFileBytes} bytes");
                return null;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            failure = DeclaredDocument.Failed(display, kind, 0, $"cannot read file: {ex.Message}");
            return null;
        }
        return FromBytes(bytes, display, options, kind, out failure);
    }

    /// <summary>Wraps bytes already in memory (detects BOM and UTF-16, rejects empty and binary content).</summary>
    public static TerraformJsonSource? FromBytes(byte[] bytes, string display, ReaderOptions options, IacKind kind, out DeclaredDocument? failure)
    {
        failure = null;
        var start = 0;
        switch (DetectEncoding(bytes))
        {
            case TextEncoding.Utf8Bom:
                start = 3;
                break;
            case TextEncoding.Utf16Le:
            case TextEncoding.Utf16Be:
                var big = DetectEncoding(bytes) == TextEncoding.Utf16Be;
                var bom = bytes.Length >= 2 && (bytes[0] is 0xFF or 0xFE) ? 2 : 0;
                try
                {
                    var text = new UnicodeEncoding(big, false, true).GetString(bytes, bom, bytes.Length - bom);
                    bytes = Encoding.UTF8.GetBytes(text);
                }
                catch (DecoderFallbackException)
                {
                    failure = DeclaredDocument.Failed(display, kind, 0, "file is not valid UTF-16 text");
                    return null;
                }
                break;
        }
        var span = bytes.AsSpan(start);
        var first = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            failure = DeclaredDocument.Failed(display, kind, 0, "file is empty");
            return null;
        }
        if (span[..Math.Min(span.Length, 4096)].Contains((byte)0))
        {
            failure = DeclaredDocument.Failed(display, kind, 0, "file is binary, not JSON text");
            return null;
        }
        if (FirstInvalidUtf8(span) is { } bad)
        {
            failure = DeclaredDocument.Failed(display, kind, span[..bad].Count((byte)'\n') + 1, "file is not valid UTF-8 (nor UTF-16 with a byte-order mark)");
            return null;
        }
        if (span[first] != (byte)'{')
        {
            var line = span[..first].Count((byte)'\n') + 1;
            failure = DeclaredDocument.Failed(display, kind, line, "not a JSON object: the file must start with '{'");
            return null;
        }
        return new TerraformJsonSource(bytes, start, bytes.Length - start, display, options);
    }

    /// <summary>Turns a reader exception into a one-line diagnostic with the file line.</summary>
    public DeclaredDocument Failed(IacKind kind, JsonException ex, long lineBase = 0) => Failed(Display, kind, ex, lineBase);

    /// <inheritdoc cref="Failed(IacKind, JsonException, long)"/>
    public static DeclaredDocument Failed(string display, IacKind kind, JsonException ex, long lineBase = 0)
    {
        return new DeclaredDocument(display, kind) { Errors = [JsonErrorText.Diagnostic(display, ex, "invalid JSON", lineBase)] };
    }

    /// <summary>Offset of the first invalid UTF-8 sequence, or null when the text is valid.</summary>
    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> span)
    {
        if (System.Text.Unicode.Utf8.IsValid(span)) return null;
        Span<char> chars = stackalloc char[2048];
        var offset = 0;
        while (offset < span.Length)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(span[offset..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status == System.Buffers.OperationStatus.InvalidData) return offset;
            if (status == System.Buffers.OperationStatus.Done) return null;
        }
        return null;
    }

    /// <summary>Runs a read; any exception that still escapes becomes an error document (readers never throw for bad input).</summary>
    public static DeclaredDocument Guard(string display, IacKind kind, Func<DeclaredDocument> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return DeclaredDocument.Failed(display, kind, 0, $"cannot read file: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    internal enum TextEncoding { Utf8, Utf8Bom, Utf16Le, Utf16Be }

    /// <summary>BOMs first; without a BOM, a NUL in every other byte of an ASCII start means UTF-16.</summary>
    internal static TextEncoding DetectEncoding(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return TextEncoding.Utf8Bom;
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return TextEncoding.Utf16Le;
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return TextEncoding.Utf16Be;
        if (b.Length >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0) return TextEncoding.Utf16Le;
        if (b.Length >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0) return TextEncoding.Utf16Be;
        return TextEncoding.Utf8;
    }

    /// <summary>Counts newlines incrementally: readers ask for increasing offsets, so the whole file is scanned about once.</summary>
    private sealed class LineCounter(byte[] buffer, int origin)
    {
        private int _offset = -1;
        private int _line = 1;

        public int LineAt(int offset)
        {
            if (_offset < 0 || offset < _offset) { _offset = origin; _line = 1; }
            offset = Math.Min(offset, buffer.Length);
            _line += buffer.AsSpan(_offset, offset - _offset).Count((byte)'\n');
            _offset = offset;
            return _line;
        }
    }
}

/// <summary>A byte range of a JSON value inside a <see cref="TerraformJsonSource"/>.</summary>
internal readonly record struct JsonRange(int Start, int Length)
{
    public bool IsEmpty => Length == 0;

    /// <summary>The range of the value the reader is positioned on (start token), skipping it.</summary>
    public static JsonRange Capture(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return new JsonRange(start, (int)reader.BytesConsumed - start);
    }
}
