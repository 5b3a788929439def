using System.Text.RegularExpressions;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Tells from content whether a YAML or JSON file is a CloudFormation template, so the CLI can pick the reader by
/// content rather than by extension. A template has a top-level <c>AWSTemplateFormatVersion</c>, or a top-level
/// <c>Resources</c> mapping with at least one resource whose <c>Type</c> starts with <c>AWS::</c> (or <c>Custom::</c>).
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html</remarks>
public static partial class CloudFormationSniffer
{
    /// <summary>True when <paramref name="content"/> (the file's text) looks like a template. Never throws.</summary>
    public static bool LooksLikeTemplate(string content)
    {
        if (string.IsNullOrWhiteSpace(content)) return false;
        var limits = new CfnTreeLimits(256, 10_000, 1_000_000);
        var loaded = CfnTemplateLoader.FromText(content, "sniff", limits, []);
        if (loaded.Root is CfnMapping root)
        {
            if (root.Get("AWSTemplateFormatVersion") is not null) return true;
            return root.Get("Resources") is CfnMapping resources && resources.Entries.Any(r =>
                r.Value is CfnMapping body && body.Get("Type") is CfnScalar { Value: { } type } &&
                (type.StartsWith("AWS::", StringComparison.Ordinal) || type.StartsWith("Custom::", StringComparison.Ordinal)));
        }
        // Unparseable: decide on the text, so that a broken template still reaches the reader and gets its diagnostic.
        return loaded.Root is null && (FormatVersion().IsMatch(content) || (ResourcesKey().IsMatch(content) && AwsType().IsMatch(content)));
    }

    /// <summary>True when the file at <paramref name="path"/> looks like a template; false when it cannot be read or is larger than <paramref name="maxBytes"/>.</summary>
    public static bool LooksLikeTemplateFile(string path, long maxBytes = 64L * 1024 * 1024)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > maxBytes) return false;
            var text = CfnTemplateLoader.Decode(File.ReadAllBytes(path), out var binary);
            return !binary && LooksLikeTemplate(text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\s*[""']?AWSTemplateFormatVersion[""']?\s*:", RegexOptions.Multiline)]
    private static partial Regex FormatVersion();

    [GeneratedRegex(@"^\s*[""']?Resources[""']?\s*:", RegexOptions.Multiline)]
    private static partial Regex ResourcesKey();

    [GeneratedRegex(@"[""']?Type[""']?\s*:\s*[""']?AWS::", RegexOptions.None)]
    private static partial Regex AwsType();
}
