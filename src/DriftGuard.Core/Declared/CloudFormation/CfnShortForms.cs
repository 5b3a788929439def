namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// CloudFormation YAML short-form tags and their long forms.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html</remarks>
internal static class CfnShortForms
{
    private static readonly Dictionary<string, string> LongForms = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!If"] = "Fn::If",
        ["!Join"] = "Fn::Join",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Base64"] = "Fn::Base64",
        ["!Cidr"] = "Fn::Cidr",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!Equals"] = "Fn::Equals",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Not"] = "Fn::Not",
        ["!Transform"] = "Fn::Transform",
        ["!Length"] = "Fn::Length",
        ["!ToJsonString"] = "Fn::ToJsonString",
        // Rules-section assertion functions (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html).
        ["!Contains"] = "Fn::Contains",
        ["!EachMemberEquals"] = "Fn::EachMemberEquals",
        ["!EachMemberIn"] = "Fn::EachMemberIn",
        ["!RefAll"] = "Fn::RefAll",
        ["!ValueOf"] = "Fn::ValueOf",
        ["!ValueOfAll"] = "Fn::ValueOfAll",
    };

    /// <summary>The long form of a short-form tag (<c>!Sub</c> → <c>Fn::Sub</c>), or null when the tag is not an intrinsic.</summary>
    public static string? LongForm(string tag) => LongForms.GetValueOrDefault(tag);

    /// <summary>True for YAML core-schema tags (<c>!!str</c>, <c>tag:yaml.org,2002:int</c>) that carry no CloudFormation meaning.</summary>
    public static bool IsCoreTag(string tag) => tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) || tag.StartsWith("!!", StringComparison.Ordinal);

    /// <summary>Wraps <paramref name="node"/> written with short-form <paramref name="longForm"/> into its long-form mapping.</summary>
    public static CfnNode Wrap(string longForm, CfnNode node)
    {
        var argument = node;
        // "!GetAtt Resource.Attribute" is the scalar short form of ["Resource", "Attribute"].
        if (longForm == "Fn::GetAtt" && node is CfnScalar { Value: { } text } && text.IndexOf('.') is var dot and > 0)
        {
            argument = new CfnSequence(node.Line, [new CfnScalar(node.Line, text[..dot]), new CfnScalar(node.Line, text[(dot + 1)..])])
            {
                Height = 2, ExpandedSize = 3,
            };
        }
        var map = new CfnMapping(node.Line)
        {
            Height = argument.Height + 1,
            AliasWeight = argument.AliasWeight,
            ExpandedSize = argument.ExpandedSize + 1,
        };
        map.TryAdd(longForm, argument);
        return map;
    }
}
