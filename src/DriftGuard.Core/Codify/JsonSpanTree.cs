using System.Text;
using System.Text.Json;

namespace DriftGuard.Core.Codify;

/// <summary>
/// A JSON document as a tree of character spans into its text, read with <see cref="Utf8JsonReader"/>, so an edit can
/// insert text between two tokens and keep every other character. Strict RFC 8259 only: comments or trailing commas
/// would leak into copied whitespace, so they make <see cref="TryParse"/> fail.
/// </summary>
internal sealed class JsonSpanTree
{
    /// <summary>One value: <see cref="Start"/> is its first character, <see cref="End"/> one past its last (UTF-16 indexes).</summary>
    internal sealed class Node(JsonTokenType type, int start)
    {
        public JsonTokenType Type { get; } = type;
        public int Start { get; } = start;
        public int End { get; set; }
        public List<Member> Members { get; } = [];
        public List<Node> Items { get; } = [];

        /// <summary>The only member named <paramref name="name"/>; null when absent or repeated (a repeated key is ambiguous).</summary>
        public Member? Single(string name)
        {
            Member? found = null;
            foreach (var m in Members)
            {
                if (m.Name != name) continue;
                if (found is not null) return null;
                found = m;
            }
            return found;
        }

        /// <summary>True when a member of that name exists, once or more.</summary>
        public bool Has(string name) => Members.Any(m => m.Name == name);
    }

    /// <summary>An object member: its name (unescaped), the span of the quoted name, and its value.</summary>
    internal sealed record Member(string Name, int NameStart, int NameEnd, Node Value);

    /// <summary>The root value.</summary>
    public Node Root { get; }

    private JsonSpanTree(Node root) => Root = root;

    /// <summary>Parses <paramref name="text"/>; false (with the reader's message) when it is not strict JSON.</summary>
    public static bool TryParse(string text, out JsonSpanTree? tree, out string error)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var offsets = new CharOffsets(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        try
        {
            if (!reader.Read()) { tree = null; error = "empty JSON"; return false; }
            var root = Read(ref reader, offsets);
            if (reader.Read()) { tree = null; error = "text after the JSON value"; return false; }
            tree = new JsonSpanTree(root);
            error = "";
            return true;
        }
        catch (JsonException ex)
        {
            tree = null;
            error = ex.Message.Split('\n')[0].Trim();
            return false;
        }
    }

    private static Node Read(ref Utf8JsonReader reader, CharOffsets offsets)
    {
        var node = new Node(reader.TokenType, offsets.At(reader.TokenStartIndex));
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var nameStart = offsets.At(reader.TokenStartIndex);
                    var nameEnd = offsets.At(reader.TokenStartIndex + reader.ValueSpan.Length + 2);
                    reader.Read();
                    node.Members.Add(new Member(name, nameStart, nameEnd, Read(ref reader, offsets)));
                }
                node.End = offsets.At(reader.TokenStartIndex + 1);
                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) node.Items.Add(Read(ref reader, offsets));
                node.End = offsets.At(reader.TokenStartIndex + 1);
                break;
            default:
                // ValueSpan is the raw (still escaped) token; strings also have their two quotes.
                node.End = offsets.At(reader.TokenStartIndex + reader.ValueSpan.Length + (reader.TokenType == JsonTokenType.String ? 2 : 0));
                break;
        }
        return node;
    }

    /// <summary>UTF-8 byte offset → UTF-16 index, counted incrementally (offsets come in increasing order).</summary>
    private sealed class CharOffsets(byte[] bytes)
    {
        private long _byte;
        private int _char;

        public int At(long byteOffset)
        {
            if (byteOffset < _byte) { _byte = 0; _char = 0; }
            _char += Encoding.UTF8.GetCharCount(bytes.AsSpan((int)_byte, (int)(byteOffset - _byte)));
            _byte = byteOffset;
            return _char;
        }
    }
}
