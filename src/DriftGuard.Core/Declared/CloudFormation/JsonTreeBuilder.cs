using System.Text;
using System.Text.Json;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Builds a <see cref="CfnNode"/> tree from JSON with <see cref="Utf8JsonReader"/> (no recursion), keeping the
/// 1-based line of every value. Comments and trailing commas are tolerated; duplicate keys and nesting deeper
/// than the limit are fatal.
/// </summary>
internal static class JsonTreeBuilder
{
    /// <summary>Parses <paramref name="utf8"/>. Throws <see cref="CfnParseException"/> for invalid JSON.</summary>
    public static CfnNode Build(byte[] utf8, CfnTreeLimits limits)
    {
        var lines = new LineCounter(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = limits.MaxDepth + 1, // our own check below gives the message
        });
        var stack = new Stack<(CfnNode Node, string? Key, int KeyLine)>();
        CfnNode? root = null;
        string? pendingKey = null;
        var pendingKeyLine = 0;
        try
        {
            while (reader.Read())
            {
                var line = lines.LineAt(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (stack.Count + 1 > limits.MaxDepth)
                            throw new CfnParseException(line, $"nesting deeper than {limits.MaxDepth} levels");
                        stack.Push((reader.TokenType == JsonTokenType.StartObject ? new CfnMapping(line) : new CfnSequence(line, []), pendingKey, pendingKeyLine));
                        pendingKey = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        {
                            var (node, key, keyLine) = stack.Pop();
                            Add(node, key, keyLine);
                        }
                        break;
                    case JsonTokenType.PropertyName:
                        pendingKey = reader.GetString() ?? "";
                        pendingKeyLine = line;
                        break;
                    case JsonTokenType.String:
                        Add(new CfnScalar(line, reader.GetString()), pendingKey, pendingKeyLine);
                        break;
                    case JsonTokenType.Number:
                        Add(new CfnScalar(line, Encoding.UTF8.GetString(reader.ValueSpan)), pendingKey, pendingKeyLine);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        Add(new CfnScalar(line, reader.TokenType == JsonTokenType.True ? "true" : "false"), pendingKey, pendingKeyLine);
                        break;
                    case JsonTokenType.Null:
                        Add(new CfnScalar(line, null), pendingKey, pendingKeyLine);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int)l + 1 : lines.LineAt(reader.TokenStartIndex);
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            throw new CfnParseException(line, "invalid JSON: " + message.TrimEnd('.', ' '));
        }
        return root ?? throw new CfnParseException(1, "invalid JSON: no value");

        void Add(CfnNode node, string? key, int keyLine)
        {
            pendingKey = null;
            if (!stack.TryPeek(out var top))
            {
                root = node;
                return;
            }
            if (top.Node is CfnMapping map)
            {
                if (!map.TryAdd(key ?? "", node, keyLine)) throw new CfnParseException(keyLine, $"duplicate key '{key}'");
            }
            else
            {
                ((CfnSequence)top.Node).Items.Add(node);
            }
            top.Node.Height = Math.Max(top.Node.Height, node.Height + 1);
            top.Node.ExpandedSize += node.ExpandedSize;
        }
    }

    /// <summary>Maps increasing byte offsets to 1-based lines in one forward pass.</summary>
    private sealed class LineCounter(byte[] text)
    {
        private long _offset;
        private int _line = 1;

        public int LineAt(long offset)
        {
            offset = Math.Min(offset, text.Length);
            if (offset < _offset) { _offset = 0; _line = 1; }
            for (; _offset < offset; _offset++)
                if (text[_offset] == (byte)'\n') _line++;
            return _line;
        }
    }
}
