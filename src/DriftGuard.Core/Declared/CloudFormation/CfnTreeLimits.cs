namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Bounds on a parsed template, so that hostile input fails fast with a diagnostic instead of exhausting
/// stack, memory or time. Depth is also the bound of every recursive walk over the tree.
/// </summary>
internal sealed record CfnTreeLimits(int MaxDepth, long MaxAliasExpansions, long MaxExpandedNodes)
{
    /// <summary>Hard ceiling on depth whatever the options say: the evaluator recurses once per level.</summary>
    public const int DepthCeiling = 1024;

    /// <summary>Limits from reader options (depth clamped to 1..<see cref="DepthCeiling"/>).</summary>
    public static CfnTreeLimits From(ReaderOptions options) => new(
        Math.Clamp(options.MaxDepth, 1, DepthCeiling),
        Math.Max(0, options.MaxAliasExpansions),
        // Aliases share nodes, but walks over the tree see every expansion: cap what they can cost.
        Math.Max(1_000_000L, options.MaxAliasExpansions * 100L));
}

/// <summary>Thrown inside the tree builders to stop at the first fatal problem; never escapes the reader.</summary>
internal sealed class CfnParseException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
