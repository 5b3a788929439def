using System.Text.Json;

namespace DriftGuard.Core.Watch;

/// <summary>
/// Names the person behind a CloudTrail <c>userIdentity</c>. For an assumed role (IAM Identity Center/SSO sessions
/// included) the person is the session-name part of the ARN (<c>assumed-role/ROLE/SESSION</c>), else
/// <c>sessionContext.sourceIdentity</c>, else <c>onBehalfOf.userId</c>: <c>sessionIssuer.userName</c> names only the
/// role, never the person. An IAM user is its user name, a federated user its name, root is <c>root</c>.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html</remarks>
public static class ActorResolver
{
    /// <summary>Resolves the actor; a missing or odd identity gives <see cref="WatchActor.Unknown"/>-like values, never an exception.</summary>
    public static WatchActor Resolve(JsonElement userIdentity)
    {
        if (userIdentity.ValueKind != JsonValueKind.Object) return WatchActor.Unknown;
        var type = Str(userIdentity, "type") ?? "unknown";
        var arn = Str(userIdentity, "arn");
        var key = Str(userIdentity, "accessKeyId");
        string? role = null;
        if (userIdentity.TryGetProperty("sessionContext", out var session) && session.ValueKind == JsonValueKind.Object &&
            session.TryGetProperty("sessionIssuer", out var issuer) && issuer.ValueKind == JsonValueKind.Object)
            role = Str(issuer, "userName");
        var resource = ArnResource(arn);

        // The order: the session-name part of an assumed-role ARN, else sourceIdentity, else onBehalfOf;
        // only then the names an identity type carries itself.
        (string? person, string basis) = resource?.StartsWith("assumed-role/", StringComparison.Ordinal) == true && SessionName(resource) is { } sessionName
            ? (sessionName, "session-name")
            : SourceIdentity(userIdentity) is { } source ? (source, "source-identity")
            : OnBehalfOf(userIdentity) is { } behalf ? (behalf, "on-behalf-of")
            : type switch
            {
                "IAMUser" => (Str(userIdentity, "userName") ?? LastSegment(resource), "user-name"),
                "Root" => ("root", "root"),
                "FederatedUser" => (LastSegment(resource) ?? PrincipalIdTail(userIdentity), "user-name"),
                "AWSService" => (Str(userIdentity, "invokedBy"), "invoked-by"),
                _ => Fallback(userIdentity),
            };
        if (person is null) (person, basis) = Fallback(userIdentity);
        return new WatchActor(person ?? "unknown", type, arn, role, key, person is null ? "none" : basis);
    }

    private static (string? Person, string Basis) Fallback(JsonElement identity)
    {
        if (SourceIdentity(identity) is { } source) return (source, "source-identity");
        if (identity.TryGetProperty("onBehalfOf", out var behalf) && behalf.ValueKind == JsonValueKind.Object && Str(behalf, "userId") is { } user)
            return (user, "on-behalf-of");
        if (PrincipalIdTail(identity) is { } tail) return (tail, "principal-id");
        return (null, "none");
    }

    private static string? OnBehalfOf(JsonElement identity) =>
        identity.TryGetProperty("onBehalfOf", out var behalf) && behalf.ValueKind == JsonValueKind.Object ? Str(behalf, "userId") : null;

    private static string? SourceIdentity(JsonElement identity)
    {
        if (identity.TryGetProperty("sessionContext", out var s) && s.ValueKind == JsonValueKind.Object && Str(s, "sourceIdentity") is { } fromSession)
            return fromSession;
        return Str(identity, "sourceIdentity");
    }

    /// <summary><c>AROA…:session</c> → <c>session</c>; a principal id without a colon names no person.</summary>
    private static string? PrincipalIdTail(JsonElement identity) =>
        Str(identity, "principalId") is { } id && id.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 && i < id.Length - 1 ? id[(i + 1)..] : null;

    private static string? SessionName(string? resource)
    {
        if (resource is null) return null;
        var parts = resource.Split('/');
        return parts.Length >= 3 && parts[^1].Length > 0 ? parts[^1] : null;
    }

    private static string? ArnResource(string? arn)
    {
        if (arn is null) return null;
        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts[5] : null;
    }

    private static string? LastSegment(string? resource) =>
        resource is null ? null : resource[(resource.LastIndexOf('/') + 1)..] is { Length: > 0 } s ? s : null;

    internal static string? Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
