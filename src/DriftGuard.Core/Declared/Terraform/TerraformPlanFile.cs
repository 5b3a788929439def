using System.Text.Unicode;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// Opens a plan file for <see cref="TerraformPlanStreamReader"/> without loading it: one sequential pass checks what
/// <see cref="TerraformJsonSource"/> checks on bytes in memory, with the same messages and lines (empty, binary,
/// not UTF-8, not an object), then the stream is rewound for the reader. UTF-16 files (rare) are transcoded in memory.
/// </summary>
internal static class TerraformPlanFile
{
    /// <summary>Read buffer size: large enough for any one resource of a typical plan, small next to a large plan.</summary>
    public const int BufferBytes = 1 << 20;

    private const int BinaryProbeBytes = 4096;

    /// <summary>Reads the plan at <paramref name="path"/>; problems become a failed document, never exceptions (I/O errors escape to the caller's guard).</summary>
    public static DeclaredDocument Read(string path, string display, ReaderOptions options)
    {
        const IacKind kind = IacKind.TerraformPlan;
        FileStream stream;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return DeclaredDocument.Failed(display, kind, 0, "file not found");
            if (info.Length > options.MaxFileBytes)
                return DeclaredDocument.Failed(display, kind, 0, $"file is {info.Length} bytes, larger than the limit of {options.MaxFileBytes} bytes");
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return DeclaredDocument.Failed(display, kind, 0, $"cannot read file: {ex.Message}");
        }
        using (stream)
        {
            var buffer = new byte[BufferBytes];
            var head = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var encoding = TerraformJsonSource.DetectEncoding(buffer.AsSpan(0, head));
            if (encoding is TerraformJsonSource.TextEncoding.Utf16Le or TerraformJsonSource.TextEncoding.Utf16Be)
            {
                var source = TerraformJsonSource.Load(path, display, options, kind, out var failure);
                if (source is null) return failure!;
                using var memory = new MemoryStream(source.Buffer, source.Start, source.Length, writable: false);
                return TerraformPlanStreamReader.Read(memory, 0, display, options, buffer);
            }
            var origin = encoding == TerraformJsonSource.TextEncoding.Utf8Bom ? 3 : 0;
            if (Check(stream, buffer, head, origin, display) is { } problem) return problem;
            stream.Position = origin;
            return TerraformPlanStreamReader.Read(stream, origin, display, options, buffer);
        }
    }

    /// <summary>The checks of <see cref="TerraformJsonSource.FromBytes"/>, in its order, over the stream in chunks.</summary>
    private static DeclaredDocument? Check(FileStream stream, byte[] buffer, int length, int origin, string display)
    {
        const IacKind kind = IacKind.TerraformPlan;
        if (buffer.AsSpan(origin, Math.Min(length - origin, BinaryProbeBytes)).Contains((byte)0))
            return DeclaredDocument.Failed(display, kind, 0, "file is binary, not JSON text");

        long firstNonSpace = -1;
        byte firstByte = 0;
        long chunkStart = 0; // text offset of buffer[start]
        var start = origin;
        var end = length;
        var eof = length < buffer.Length;
        while (true)
        {
            var chunk = buffer.AsSpan(start, end - start);
            if (firstNonSpace < 0 && chunk.IndexOfAnyExcept(" \t\r\n"u8) is var i and >= 0)
            {
                firstNonSpace = chunkStart + i;
                firstByte = chunk[i];
            }
            var complete = eof ? chunk.Length : CompleteLength(chunk);
            if (!Utf8.IsValid(chunk[..complete]))
            {
                var bad = chunkStart + FirstInvalid(chunk[..complete]);
                return DeclaredDocument.Failed(display, kind, LineOf(stream, buffer, origin, bad), "file is not valid UTF-8 (nor UTF-16 with a byte-order mark)");
            }
            if (eof) break;
            // an incomplete trailing sequence is checked with the next chunk
            var carry = chunk.Length - complete;
            chunk[complete..].CopyTo(buffer);
            chunkStart += complete;
            start = 0;
            end = carry + stream.ReadAtLeast(buffer.AsSpan(carry), buffer.Length - carry, throwOnEndOfStream: false);
            eof = end < buffer.Length;
        }
        if (firstNonSpace < 0) return DeclaredDocument.Failed(display, kind, 0, "file is empty");
        if (firstByte != (byte)'{')
            return DeclaredDocument.Failed(display, kind, LineOf(stream, buffer, origin, firstNonSpace), "not a JSON object: the file must start with '{'");
        return null;
    }

    /// <summary>Length of <paramref name="chunk"/> without a UTF-8 sequence that may continue in the next chunk.</summary>
    private static int CompleteLength(ReadOnlySpan<byte> chunk)
    {
        var i = chunk.Length - 1;
        var continuation = 0;
        while (continuation < 3 && i >= 0 && (chunk[i] & 0xC0) == 0x80) { i--; continuation++; }
        if (i < 0) return chunk.Length;
        var lead = chunk[i];
        var needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return chunk.Length - i < needed ? i : chunk.Length;
    }

    /// <summary>Offset of the first invalid UTF-8 sequence of a span known to hold one.</summary>
    private static int FirstInvalid(ReadOnlySpan<byte> span)
    {
        Span<char> chars = stackalloc char[2048];
        var offset = 0;
        while (offset < span.Length)
        {
            var status = Utf8.ToUtf16(span[offset..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall) return offset;
        }
        return offset;
    }

    /// <summary>1-based line of a text offset, counted from the start of the file again (only for a failure).</summary>
    private static int LineOf(FileStream stream, byte[] buffer, int origin, long offset)
    {
        stream.Position = origin;
        var line = 1;
        var left = offset;
        while (left > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) break;
            line += buffer.AsSpan(0, n).Count((byte)'\n');
            left -= n;
        }
        return line;
    }
}
