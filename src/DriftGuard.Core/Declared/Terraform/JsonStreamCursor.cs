using System.Runtime.CompilerServices;
using System.Text.Json;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// Feeds a <see cref="Utf8JsonReader"/> from a stream through one reusable buffer (the incremental reader API:
/// <c>isFinalBlock: false</c> plus <see cref="JsonReaderState"/>), so a large file is never held whole. The buffer
/// grows only when one value that must be seen at once (<see cref="ReadValueWhole"/>) or one token is larger.
/// </summary>
/// <remarks>
/// Offsets are byte offsets in the JSON text (0 = first byte after any byte-order mark). Line numbers are counted
/// once, incrementally, for offsets asked for in increasing order.
/// See https://learn.microsoft.com/dotnet/standard/serialization/system-text-json/use-utf8jsonreader#read-from-a-stream-using-utf8jsonreader.
/// </remarks>
internal sealed class JsonStreamCursor(Stream stream, JsonReaderOptions options, byte[] buffer)
{
    private byte[] _buffer = buffer;
    private int _start;
    private int _end;
    private long _base;
    private bool _final;
    private long _linesCountedTo;
    private int _line = 1;

    /// <summary>A reader before the first token; its first <see cref="Read"/> loads data.</summary>
    public Utf8JsonReader Begin() => new(ReadOnlySpan<byte>.Empty, isFinalBlock: false, new JsonReaderState(options));

    /// <summary>Reads the next token, loading more of the stream when the buffered data ends inside it.</summary>
    /// <returns>False at the end of the text (a truncated text throws, as <see cref="Utf8JsonReader.Read"/> does).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read(ref Utf8JsonReader r) => r.Read() || ReadMore(ref r);

    /// <summary>Skips the current value (or the value of the current property name), streaming through large ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Skip(ref Utf8JsonReader r)
    {
        if (r.TrySkip()) return;
        if (r.TokenType == JsonTokenType.PropertyName && !Read(ref r)) return;
        if (r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var depth = r.CurrentDepth;
        do
        {
            if (!Read(ref r)) return;
        }
        while (depth < r.CurrentDepth);
    }

    /// <summary>
    /// With the reader on a property name, loads data until the property's whole value is buffered, moves the reader
    /// past it, and returns a reader over that value alone (a complete, final block: <see cref="Utf8JsonReader.Skip"/>
    /// and <see cref="JsonDocument.ParseValue"/> work on it). Its syntax was checked on the way.
    /// </summary>
    public Utf8JsonReader ReadValueWhole(ref Utf8JsonReader r)
    {
        while (true)
        {
            var probe = r;
            if (probe.TrySkip())
            {
                var from = _start + (int)r.BytesConsumed;
                var to = _start + (int)probe.BytesConsumed;
                r = probe;
                return new Utf8JsonReader(_buffer.AsSpan(from, to - from), isFinalBlock: true, new JsonReaderState(options));
            }
            if (_final)
            {
                probe.Skip(); // throws the reader's own error for the truncated value
                return default;
            }
            Refill(ref r);
        }
    }

    /// <summary>Text offset of the current token's first byte.</summary>
    public long TokenOffset(in Utf8JsonReader r) => _base + _start + r.TokenStartIndex;

    /// <summary>Text offset just past the current token.</summary>
    public long ConsumedOffset(in Utf8JsonReader r) => _base + _start + r.BytesConsumed;

    /// <summary>1-based line of a text offset; offsets must be asked for in increasing order and still be buffered.</summary>
    public int LineAt(long offset)
    {
        if (offset > _linesCountedTo)
        {
            _line += _buffer.AsSpan((int)(_linesCountedTo - _base), (int)(offset - _linesCountedTo)).Count((byte)'\n');
            _linesCountedTo = offset;
        }
        return _line;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadMore(ref Utf8JsonReader r)
    {
        while (!_final)
        {
            Refill(ref r);
            if (r.Read()) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Refill(ref Utf8JsonReader r)
    {
        var state = r.CurrentState;
        _start += (int)r.BytesConsumed;
        if (_start > 0)
        {
            LineAt(_base + _start); // count the lines of the bytes about to leave the buffer
            var remaining = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _base += _start;
            _end = remaining;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var n = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _final = true;
        _end += n;
        r = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, state);
    }
}
