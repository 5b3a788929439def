using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Sts;

/// <summary>
/// The STS Query API (<c>Version=2011-06-15</c>) on the sandbox endpoint: GetCallerIdentity
/// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html) answers with the principal
/// mapped from the request's access key: <c>Arn</c>, <c>UserId</c> (AIDA… for users, AROA…:session for assumed
/// roles, derived stably from the ARN) and <c>Account</c>. AssumeRole
/// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html) takes <c>RoleArn</c>,
/// <c>RoleSessionName</c> (2–64 of <c>[\w+=,.@-]</c>) and <c>DurationSeconds</c> (900–43200, default 3600) and
/// returns <c>ASIA…</c> credentials whose later calls act as <c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>.
/// Invalid input → <c>ValidationError</c>. Other actions → <c>InvalidAction</c>.
/// Errors use STS's <c>&lt;ErrorResponse&gt;</c> envelope.
/// </summary>
internal static partial class StsHandler
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static bool IsMutating(string action) => action == "AssumeRole";

    public static string Handle(string action, string principalArn, QueryParameters p, SandboxState state, string requestId) =>
        action switch
        {
            "GetCallerIdentity" => GetCallerIdentity(principalArn, requestId),
            "AssumeRole" => AssumeRole(p, state, requestId),
            _ => throw new SandboxFault("InvalidAction", $"Could not find operation {action} for version 2011-06-15"),
        };

    private static string AssumeRole(QueryParameters p, SandboxState state, string requestId)
    {
        var roleArn = p.Get("RoleArn") ?? throw Validation("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        var session = p.Get("RoleSessionName") ?? throw Validation("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        var match = RoleArnPattern().Match(roleArn);
        if (!match.Success) throw Validation($"{roleArn} is invalid");
        if (!SessionNamePattern().IsMatch(session))
            throw Validation($"1 validation error detected: Value '{session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        var duration = p.Int("DurationSeconds") ?? 3600;
        if (duration is < 900 or > 43200)
            throw Validation($"1 validation error detected: Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");

        var (account, roleName) = (match.Groups["account"].Value, match.Groups["name"].Value);
        var principal = $"arn:aws:sts::{account}:assumed-role/{roleName}/{session}";
        var keyId = "ASIA" + RandomToken(16).ToUpperInvariant();
        var expiration = DateTimeOffset.UtcNow.AddSeconds(duration);
        state.AddSession(new SandboxSession(keyId, principal, expiration));
        return Document(new XElement(Ns + "AssumeRoleResponse",
            new XElement(Ns + "AssumeRoleResult",
                new XElement(Ns + "AssumedRoleUser",
                    new XElement(Ns + "Arn", principal),
                    new XElement(Ns + "AssumedRoleId", UserId(principal))),
                new XElement(Ns + "Credentials",
                    new XElement(Ns + "AccessKeyId", keyId),
                    new XElement(Ns + "SecretAccessKey", RandomToken(40)),
                    new XElement(Ns + "SessionToken", "sandbox-session-" + RandomToken(64)),
                    new XElement(Ns + "Expiration", expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
                new XElement(Ns + "PackedPolicySize", "0")),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId))));
    }

    private static SandboxFault Validation(string message) => new("ValidationError", message);

    private static string RandomToken(int length) =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>\d{12}):role/(?:[\w+=,.@-]+/)*(?<name>[\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    private static string GetCallerIdentity(string principalArn, string requestId)
    {
        var account = principalArn.Split(':') is { Length: > 4 } parts ? parts[4] : "";
        return Document(new XElement(Ns + "GetCallerIdentityResponse",
            new XElement(Ns + "GetCallerIdentityResult",
                new XElement(Ns + "Arn", principalArn),
                new XElement(Ns + "UserId", UserId(principalArn)),
                new XElement(Ns + "Account", account)),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId))));
    }

    public static string Error(string code, string message, int status, string requestId) =>
        Document(new XElement(Ns + "ErrorResponse",
            new XElement(Ns + "Error",
                new XElement(Ns + "Type", status >= 500 ? "Receiver" : "Sender"),
                new XElement(Ns + "Code", code),
                new XElement(Ns + "Message", message)),
            new XElement(Ns + "RequestId", requestId)));

    /// <summary>Unique id as IAM shows it: AIDA + 17 chars for users, AROA…:SESSION for assumed-role sessions.</summary>
    private static string UserId(string arn)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(arn)))[..17];
        var marker = ":assumed-role/";
        var at = arn.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return "AIDA" + hash;
        var path = arn[(at + marker.Length)..].Split('/');
        var role = path[0];
        var roleHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(role)))[..17];
        return $"AROA{roleHash}:{(path.Length > 1 ? path[^1] : "session")}";
    }

    private static string Document(XElement root) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting);
}
