using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// EC2 tag rules (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions): key
/// 1–128 characters, value 0–256, the <c>aws:</c> prefix reserved, at most 50 tags per resource
/// (<c>TagLimitExceeded</c>). Also reads <c>Tag.N.Key/Value</c> and <c>TagSpecification.N.*</c> parameters.
/// </summary>
internal static class TagRules
{
    public const int MaxTagsPerResource = 50;

    public static IReadOnlyList<SandboxTag> ReadTags(QueryParameters p, string prefix, bool requireKey = true)
    {
        var tags = new List<SandboxTag>();
        foreach (var member in p.Members(prefix))
        {
            var key = p.Get($"{member}.Key");
            if (key is null) continue;
            if (requireKey) Validate(key, p.Get($"{member}.Value") ?? "");
            tags.Add(new SandboxTag(key, p.Get($"{member}.Value") ?? ""));
        }
        return tags;
    }

    /// <summary>Tags of the <c>TagSpecification.N</c> entries for <paramref name="resourceType"/>; other types are rejected.</summary>
    public static IReadOnlyList<SandboxTag> FromSpecifications(QueryParameters p, string resourceType)
    {
        var tags = new List<SandboxTag>();
        foreach (var spec in p.Members("TagSpecification"))
        {
            var type = p.Get($"{spec}.ResourceType");
            if (type != resourceType)
                throw SandboxFault.InvalidParameterValue(
                    $"'{type ?? "null"}' is not a valid taggable resource type for this operation.");
            tags.AddRange(ReadTags(p, $"{spec}.Tag"));
        }
        if (tags.Select(t => t.Key).Distinct(StringComparer.Ordinal).Count() != tags.Count)
            throw SandboxFault.InvalidParameterValue("Duplicate tag key specified in the tag specification.");
        return CheckLimit(tags);
    }

    public static void Validate(string key, string value)
    {
        if (key.Length is 0 or > 128)
            throw SandboxFault.InvalidParameterValue("Tag key must be between 1 and 128 characters.");
        if (value.Length > 256)
            throw SandboxFault.InvalidParameterValue("Tag value must be at most 256 characters.");
        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            throw SandboxFault.InvalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
    }

    /// <summary>Existing tags with <paramref name="added"/> set (same key → value replaced in place).</summary>
    public static IReadOnlyList<SandboxTag> Merge(IReadOnlyList<SandboxTag> existing, IEnumerable<SandboxTag> added)
    {
        var merged = existing.ToList();
        foreach (var tag in added)
        {
            var at = merged.FindIndex(t => t.Key == tag.Key);
            if (at >= 0) merged[at] = tag; else merged.Add(tag);
        }
        return CheckLimit(merged);
    }

    private static IReadOnlyList<SandboxTag> CheckLimit(IReadOnlyList<SandboxTag> tags) =>
        tags.Count > MaxTagsPerResource
            ? throw new SandboxFault("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.")
            : tags;
}
