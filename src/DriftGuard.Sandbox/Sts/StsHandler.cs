using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Sts;

/// <summary>
/// The STS Query API (<c>Version=2011-06-15</c>) on the sandbox endpoint: GetCallerIdentity
/// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html) answers with the principal
/// mapped from the request's access key: <c>Arn</c>, <c>UserId</c> (AIDA… for users, AROA…:session for assumed
/// roles, derived stably from the ARN) and <c>Account</c>. Other actions → <c>InvalidAction</c>.
/// Errors use STS's <c>&lt;ErrorResponse&gt;</c> envelope.
/// </summary>
internal static class StsHandler
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static string Handle(string action, string principalArn, string requestId)
    {
        if (action != "GetCallerIdentity")
            throw new SandboxFault("InvalidAction", $"Could not find operation {action} for version 2011-06-15");
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
