using System.Globalization;
using System.Text.Json;
using DriftGuard.Core.Ledger;

namespace DriftGuard.Aws.CloudTrail;

/// <summary>
/// Reads who, when and from where out of one CloudTrail event record (the <c>CloudTrailEvent</c> JSON string).
/// The person is the session-name part of an assumed-role <c>userIdentity.arn</c>
/// (<c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>; for IAM Identity Center (SSO) sessions this is the user's
/// name), else <c>sourceIdentity</c>, else <c>onBehalfOf.userId</c>; an IAM user is <c>userName</c> (or the last ARN
/// segment), the root user is <c>root</c>. <c>sessionIssuer.userName</c> names only the role and is reported as
/// <see cref="ChangeAttribution.Role"/>, never as the person.
/// See https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html.
/// </summary>
public static class CloudTrailActor
{
    /// <summary>The attribution of <paramref name="cloudTrailEventJson"/>; an unreadable record gives an unknown with the reason.</summary>
    public static ChangeAttribution FromEvent(string? cloudTrailEventJson)
    {
        if (string.IsNullOrWhiteSpace(cloudTrailEventJson)) return ChangeAttribution.Unknown("the CloudTrail event has no record body");
        try
        {
            using var doc = JsonDocument.Parse(cloudTrailEventJson);
            var root = doc.RootElement;
            var identity = root.TryGetProperty("userIdentity", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
            var type = Str(identity, "type");
            var arn = Str(identity, "arn");
            var issuer = Obj(Obj(identity, "sessionContext"), "sessionIssuer");
            var (actor, how) = Person(identity, type, arn);
            var userAgent = Str(root, "userAgent");
            return new ChangeAttribution(true)
            {
                Actor = actor,
                ActorSource = how,
                IdentityType = type,
                PrincipalArn = arn,
                Role = Str(issuer, "userName"),
                AccessKeyId = Str(identity, "accessKeyId"),
                OccurredAt = Str(root, "eventTime") is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
                SourceIp = Str(root, "sourceIPAddress"),
                UserAgent = userAgent,
                Via = ClientKind(userAgent),
                EventName = Str(root, "eventName"),
                EventId = Str(root, "eventID"),
            };
        }
        catch (JsonException ex)
        {
            return ChangeAttribution.Unknown($"the CloudTrail event record is not JSON: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>The person behind an identity, and which field named them.</summary>
    public static (string? Actor, string? How) Person(JsonElement identity, string? type, string? arn)
    {
        // One rule for who made a change, shared with watch: ActorResolver (session name, else sourceIdentity, else onBehalfOf).
        var actor = DriftGuard.Core.Watch.ActorResolver.Resolve(identity);
        if (actor.Basis == "none") return (null, null);
        var how = actor.BasisText;
        return (actor.Person, how);
    }

    /// <summary>Client kind from a CloudTrail <c>userAgent</c>; see <see cref="DriftGuard.Core.Ledger.ClientKinds.Of"/>.</summary>
    public static string? ClientKind(string? userAgent) => DriftGuard.Core.Ledger.ClientKinds.Of(userAgent);

    private static JsonElement Obj(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
