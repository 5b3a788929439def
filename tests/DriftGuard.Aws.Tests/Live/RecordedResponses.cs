using System.Text.Json;
using Ec2 = Amazon.EC2.Model;

namespace DriftGuard.Aws.Tests.Live;

/// <summary>
/// Deserialises recorded AWS CLI describe-security-groups output into SDK v4 types the way the SDK fills them:
/// members absent from the response stay null (v4 no longer initialises collections).
/// </summary>
internal static class RecordedResponses
{
    public static string Root { get; } = FindRoot();

    public static string Shared(params string[] parts) => Path.Combine([Root, "..", "shared", "cases", .. parts]);

    public static List<Ec2.SecurityGroup> Groups(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("SecurityGroups").EnumerateArray().Select(Group)];
    }

    private static Ec2.SecurityGroup Group(JsonElement g) => new()
    {
        GroupId = Str(g, "GroupId"),
        GroupName = Str(g, "GroupName"),
        Description = Str(g, "Description"),
        VpcId = Str(g, "VpcId"),
        OwnerId = Str(g, "OwnerId"),
        Tags = List(g, "Tags", t => new Ec2.Tag(Str(t, "Key"), Str(t, "Value"))),
        IpPermissions = List(g, "IpPermissions", Permission),
        IpPermissionsEgress = List(g, "IpPermissionsEgress", Permission),
    };

    private static Ec2.IpPermission Permission(JsonElement p) => new()
    {
        IpProtocol = Str(p, "IpProtocol"),
        FromPort = p.TryGetProperty("FromPort", out var f) ? f.GetInt32() : null,
        ToPort = p.TryGetProperty("ToPort", out var t) ? t.GetInt32() : null,
        Ipv4Ranges = List(p, "IpRanges", r => new Ec2.IpRange { CidrIp = Str(r, "CidrIp"), Description = Str(r, "Description") }),
        Ipv6Ranges = List(p, "Ipv6Ranges", r => new Ec2.Ipv6Range { CidrIpv6 = Str(r, "CidrIpv6"), Description = Str(r, "Description") }),
        PrefixListIds = List(p, "PrefixListIds", r => new Ec2.PrefixListId { Id = Str(r, "PrefixListId"), Description = Str(r, "Description") }),
        UserIdGroupPairs = List(p, "UserIdGroupPairs", r => new Ec2.UserIdGroupPair
        {
            GroupId = Str(r, "GroupId"), GroupName = Str(r, "GroupName"), UserId = Str(r, "UserId"), Description = Str(r, "Description"),
        }),
    };

    /// <summary>Null when the member is absent or empty, as the SDK leaves an empty XML list.</summary>
    private static List<T>? List<T>(JsonElement e, string name, Func<JsonElement, T> map) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array && a.GetArrayLength() > 0 ? [.. a.EnumerateArray().Select(map)] : null;

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string FindRoot() => DriftGuard.Tests.RepoPaths.Root;
}
