namespace DriftGuard.Core.Watch;

/// <summary>Who made a change, as CloudTrail's <c>userIdentity</c> tells it.</summary>
/// <param name="Person">The person (or service) to name in the incident: an SSO or assumed-role session name, a
/// <c>sourceIdentity</c>, an <c>onBehalfOf</c> user id, an IAM user name, <c>root</c>; <c>unknown</c> when nothing says.</param>
/// <param name="IdentityType"><c>userIdentity.type</c>: <c>IAMUser</c>, <c>AssumedRole</c>, <c>Root</c>, <c>AWSService</c>, …</param>
/// <param name="PrincipalArn"><c>userIdentity.arn</c>, when present.</param>
/// <param name="Role">The role behind an assumed-role session (<c>sessionIssuer.userName</c>); null otherwise.</param>
/// <param name="AccessKeyId"><c>userIdentity.accessKeyId</c>, when present.</param>
/// <param name="Basis">Which field named the person: <c>session-name</c>, <c>source-identity</c>, <c>on-behalf-of</c>,
/// <c>user-name</c>, <c>root</c>, <c>invoked-by</c>, <c>principal-id</c> or <c>none</c>.</param>
public sealed record WatchActor(string Person, string IdentityType, string? PrincipalArn, string? Role, string? AccessKeyId, string Basis)
{
    /// <summary>An actor nobody knows (poll mode finds the change, not who made it).</summary>
    public static WatchActor Unknown { get; } = new("unknown", "unknown", null, null, null, "none");

    /// <summary>Which field named the person, in words for a report (e.g. <c>session name of assumed-role/ROLE</c>); null when nothing did.</summary>
    public string? BasisText => Basis switch
    {
        "none" => null,
        "session-name" => $"session name of assumed-role/{(PrincipalArn?.Split('/') is { Length: >= 3 } parts ? parts[1] : Role)}",
        "source-identity" => "sourceIdentity",
        "on-behalf-of" => "onBehalfOf.userId",
        "root" => "root user",
        "user-name" => IdentityType == "IAMUser" ? "IAM user name" : "federated user name",
        "invoked-by" => "invoked by AWS service",
        "principal-id" => "session part of the principal id",
        _ => Basis,
    };
}
