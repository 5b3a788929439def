using DriftGuard.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Builds a <see cref="CfnNode"/> tree from YamlDotNet's parser event stream, without recursion, enforcing
/// <see cref="CfnTreeLimits"/>: depth is checked on every start event (and on every alias, counting the depth the
/// alias expands to), and alias expansions are counted as they would be when fully expanded, so an alias bomb
/// ("billion laughs") stops after a few events. Aliases share the anchored node; nothing is copied.
/// </summary>
internal static class YamlTreeBuilder
{
    private sealed class Frame(CfnNode node, string? tag, string? anchor)
    {
        public CfnNode Node { get; } = node;
        public string? Tag { get; } = tag;
        public string? Anchor { get; } = anchor;
        public string? PendingKey { get; set; }
        public int PendingKeyLine { get; set; }
    }

    /// <summary>Parses the first YAML document of <paramref name="text"/>. Throws <see cref="CfnParseException"/> for fatal problems.</summary>
    /// <returns>The root node, or null when the stream holds no document.</returns>
    public static CfnNode? Build(string text, string file, CfnTreeLimits limits, List<Diagnostic> warnings)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, CfnNode>(StringComparer.Ordinal);
        long aliasExpansions = 0, expandedNodes = 0;
        CfnNode? root = null;
        var documents = 0;
        var unknownTags = new HashSet<string>(StringComparer.Ordinal);

        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var line = LineOf(ev.Start);
                switch (ev)
                {
                    case DocumentStart:
                        documents++;
                        if (documents > 1)
                        {
                            warnings.Add(new Diagnostic(file, line, "only the first YAML document of the file is read"));
                            return root;
                        }
                        break;
                    case MappingStart ms:
                        Open(new CfnMapping(line), Tag(ms.Tag), Anchor(ms.Anchor), line);
                        break;
                    case SequenceStart ss:
                        Open(new CfnSequence(line, []), Tag(ss.Tag), Anchor(ss.Anchor), line);
                        break;
                    case MappingEnd or SequenceEnd:
                        {
                            var frame = stack.Pop();
                            Complete(frame.Node, frame.Tag, frame.Anchor, isAlias: false);
                        }
                        break;
                    case Scalar sc:
                        {
                            var value = sc.Style == ScalarStyle.Plain && Tag(sc.Tag) is null && IsNullText(sc.Value) ? null : sc.Value;
                            Complete(new CfnScalar(line, value), Tag(sc.Tag), Anchor(sc.Anchor), isAlias: false);
                        }
                        break;
                    case AnchorAlias alias:
                        {
                            var name = alias.Value.Value;
                            if (!anchors.TryGetValue(name, out var target))
                                throw new CfnParseException(line, $"alias *{name} refers to no anchor defined before it");
                            if (stack.Count + target.Height > limits.MaxDepth)
                                throw new CfnParseException(line, $"alias *{name} nests deeper than {limits.MaxDepth} levels");
                            aliasExpansions = Sat(aliasExpansions, Sat(1, target.AliasWeight));
                            if (aliasExpansions > limits.MaxAliasExpansions)
                                throw new CfnParseException(line, $"more than {limits.MaxAliasExpansions} YAML alias expansions (alias bomb?); aborted");
                            expandedNodes = Sat(expandedNodes, target.ExpandedSize);
                            if (expandedNodes > limits.MaxExpandedNodes)
                                throw new CfnParseException(line, $"YAML aliases expand to more than {limits.MaxExpandedNodes} nodes; aborted");
                            Complete(target, null, null, isAlias: true);
                        }
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw new CfnParseException(LineOf(e.Start), "invalid YAML: " + CleanMessage(e.Message));
        }
        return root;

        void Open(CfnNode node, string? tag, string? anchor, int line)
        {
            if (stack.Count + 1 > limits.MaxDepth)
                throw new CfnParseException(line, $"nesting deeper than {limits.MaxDepth} levels");
            if (stack.TryPeek(out var parent) && parent.Node is CfnMapping && parent.PendingKey is null)
                throw new CfnParseException(line, "mapping keys must be scalars");
            stack.Push(new Frame(node, tag, anchor));
        }

        void Complete(CfnNode node, string? tag, string? anchor, bool isAlias)
        {
            if (tag is not null)
            {
                if (CfnShortForms.LongForm(tag) is { } longForm) node = CfnShortForms.Wrap(longForm, node);
                else if (!CfnShortForms.IsCoreTag(tag) && unknownTags.Add(tag))
                    warnings.Add(new Diagnostic(file, node.Line, $"unknown YAML tag {tag} ignored"));
            }
            if (anchor is not null) anchors[anchor] = node;

            if (!stack.TryPeek(out var parent))
            {
                root ??= node;
                return;
            }
            var weight = isAlias ? Sat(1, node.AliasWeight) : node.AliasWeight;
            if (parent.Node is CfnMapping map)
            {
                if (parent.PendingKey is null)
                {
                    if (node is not CfnScalar key) throw new CfnParseException(node.Line, "mapping keys must be scalars");
                    parent.PendingKey = key.Value ?? "";
                    parent.PendingKeyLine = node.Line;
                    return;
                }
                if (!map.TryAdd(parent.PendingKey, node, parent.PendingKeyLine))
                    throw new CfnParseException(parent.PendingKeyLine, $"duplicate key '{parent.PendingKey}'");
                parent.PendingKey = null;
            }
            else
            {
                ((CfnSequence)parent.Node).Items.Add(node);
            }
            var container = parent.Node;
            container.Height = Math.Max(container.Height, node.Height + 1);
            container.AliasWeight = Sat(container.AliasWeight, weight);
            container.ExpandedSize = Sat(container.ExpandedSize, node.ExpandedSize);
        }
    }

    private static string? Tag(TagName tag) => tag.IsEmpty ? null : tag.Value;

    private static string? Anchor(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    private static bool IsNullText(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    private static long Sat(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static int LineOf(Mark mark) => (int)Math.Clamp(mark.Line, 0, int.MaxValue);

    /// <summary>YamlDotNet prefixes messages with "(Line: …) - (Line: …): "; the diagnostic carries the line already.</summary>
    private static string CleanMessage(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        var text = message.StartsWith("(Line", StringComparison.Ordinal) && i > 0 ? message[(i + 3)..] : message;
        return text.ReplaceLineEndings(" ").Trim();
    }
}
