using System.Text.RegularExpressions;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Completes text the reader could not resolve alone. Rule descriptions written as <c>!Sub "from ${LbSecurityGroup}"</c>
/// keep <c>${LbSecurityGroup}</c> after reading (the physical id exists only once the stack does); the drift stage,
/// which knows logical → physical ids (DescribeStackResources or the <c>aws:cloudformation:logical-id</c> tag),
/// substitutes them here before comparing descriptions.
/// </summary>
public static partial class CloudFormationSubstitution
{
    /// <summary>Replaces each <c>${LogicalId}</c> found in <paramref name="physicalIds"/> with its physical id; other placeholders stay.</summary>
    public static string ApplyPhysicalIds(string text, IReadOnlyDictionary<string, string> physicalIds) =>
        text.Contains("${", StringComparison.Ordinal)
            ? Placeholder().Replace(text, m => physicalIds.TryGetValue(m.Groups[1].Value, out var id) ? id : m.Value)
            : text;

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)\}")]
    private static partial Regex Placeholder();
}
