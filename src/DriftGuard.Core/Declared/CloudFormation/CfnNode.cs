using System.Text;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// A node of a parsed CloudFormation template (YAML or JSON), with its 1-based line. Short-form YAML tags
/// are already rewritten to their long forms (<c>!Ref X</c> → <c>{Ref: X}</c>), so YAML and JSON give the same tree.
/// Evaluation adds three result-only kinds: <see cref="CfnUnknown"/>, <see cref="CfnGroupRef"/> and <see cref="CfnNoValue"/>.
/// </summary>
internal abstract class CfnNode(int line)
{
    /// <summary>1-based line where the node starts.</summary>
    public int Line { get; } = line;

    /// <summary>Nesting height (1 for a scalar); used to keep alias expansions within the depth limit.</summary>
    public int Height { get; set; } = 1;

    /// <summary>Alias expansions this node stands for when fully expanded (saturating).</summary>
    public long AliasWeight { get; set; }

    /// <summary>Nodes this node stands for when fully expanded (saturating).</summary>
    public long ExpandedSize { get; set; } = 1;

    /// <summary>Compact JSON-like rendering for messages and unknown-value identities, cut at <paramref name="max"/> characters.</summary>
    public string Render(int max = 240)
    {
        var sb = new StringBuilder();
        Render(this, sb, max);
        return sb.Length > max ? sb.ToString(0, max) + "…" : sb.ToString();
    }

    private static void Render(CfnNode node, StringBuilder sb, int max)
    {
        if (sb.Length > max) return;
        switch (node)
        {
            case CfnScalar { IsNull: true }: sb.Append("null"); break;
            case CfnScalar s: sb.Append('"').Append(s.Value).Append('"'); break;
            case CfnUnknown u: sb.Append(u.Expression); break;
            case CfnGroupRef g: sb.Append("{\"Ref\":\"").Append(g.LogicalId).Append("\"}"); break;
            case CfnNoValue: sb.Append("{\"Ref\":\"AWS::NoValue\"}"); break;
            case CfnSequence seq:
                sb.Append('[');
                for (var i = 0; i < seq.Items.Count && sb.Length <= max; i++)
                {
                    if (i > 0) sb.Append(',');
                    Render(seq.Items[i], sb, max);
                }
                sb.Append(']');
                break;
            case CfnMapping map:
                sb.Append('{');
                for (var i = 0; i < map.Entries.Count && sb.Length <= max; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append('"').Append(map.Entries[i].Key).Append("\":");
                    Render(map.Entries[i].Value, sb, max);
                }
                sb.Append('}');
                break;
        }
    }
}

/// <summary>A scalar: text as written (numbers and booleans as their text), or null (<c>~</c>, <c>null</c>, empty).</summary>
internal sealed class CfnScalar(int line, string? value) : CfnNode(line)
{
    /// <summary>The text; null for a YAML/JSON null.</summary>
    public string? Value { get; } = value;

    /// <summary>True for null.</summary>
    public bool IsNull => Value is null;
}

/// <summary>A sequence (YAML list, JSON array).</summary>
internal sealed class CfnSequence(int line, List<CfnNode> items) : CfnNode(line)
{
    /// <summary>Items in order.</summary>
    public List<CfnNode> Items { get; } = items;
}

/// <summary>A mapping (YAML map, JSON object) with string keys, in document order, first key wins.</summary>
internal sealed class CfnMapping : CfnNode
{
    private readonly Dictionary<string, CfnNode> _index = new(StringComparer.Ordinal);

    public CfnMapping(int line) : base(line) { }

    /// <summary>Entries in document order.</summary>
    public List<KeyValuePair<string, CfnNode>> Entries { get; } = [];

    /// <summary>1-based line of each key, parallel to <see cref="Entries"/>.</summary>
    public List<int> KeyLines { get; } = [];

    /// <summary>Adds an entry; false (and nothing added) when the key is already present.</summary>
    public bool TryAdd(string key, CfnNode value, int keyLine = 0)
    {
        if (!_index.TryAdd(key, value)) return false;
        Entries.Add(new(key, value));
        KeyLines.Add(keyLine > 0 ? keyLine : value.Line);
        return true;
    }

    /// <summary>True when this mapping is an intrinsic function call: one key, <c>Ref</c> or <c>Fn::…</c>.</summary>
    public bool IsIntrinsic => Entries.Count == 1 && (Entries[0].Key == "Ref" || Entries[0].Key.StartsWith("Fn::", StringComparison.Ordinal));

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public CfnNode? Get(string key) => _index.GetValueOrDefault(key);

    /// <summary>Number of entries.</summary>
    public int Count => Entries.Count;
}

/// <summary>A value known only at deploy time (pseudo parameters, attributes, unresolvable intrinsics).</summary>
/// <param name="line">Line of the expression.</param>
/// <param name="expression">The expression in compact long form, e.g. <c>{"Ref":"AWS::Region"}</c>.</param>
/// <param name="partialText">For <c>Fn::Sub</c>: the template with what could be substituted substituted, unresolved <c>${X}</c> kept.</param>
internal sealed class CfnUnknown(int line, string expression, string? partialText = null) : CfnNode(line)
{
    public string Expression { get; } = expression;
    public string? PartialText { get; } = partialText;
}

/// <summary><c>Ref</c>/<c>Fn::GetAtt X.GroupId</c> of a security group declared in the same template.</summary>
internal sealed class CfnGroupRef(int line, string logicalId) : CfnNode(line)
{
    public string LogicalId { get; } = logicalId;
}

/// <summary><c>Ref: AWS::NoValue</c>: the property or list item is removed.</summary>
internal sealed class CfnNoValue(int line) : CfnNode(line);
