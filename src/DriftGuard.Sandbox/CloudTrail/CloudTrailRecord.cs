using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DriftGuard.Sandbox.Model;

namespace DriftGuard.Sandbox.CloudTrail;

/// <summary>
/// Turns a recorded sandbox call into the CloudTrail event record AWS would have written for it
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html):
/// <c>eventVersion</c> 1.09, <c>userIdentity</c> (IAMUser or AssumedRole with <c>sessionContext.sessionIssuer</c>; IAM
/// Identity Center roles under <c>aws-reserved/sso.amazonaws.com/</c>), <c>eventTime</c>, <c>eventSource</c>
/// <c>ec2.amazonaws.com</c>, <c>requestParameters</c> in EC2's CloudTrail shape (camelCase members, lists as
/// <c>{"items":[…]}</c>, ports as numbers), <c>responseElements</c>, <c>errorCode</c>/<c>errorMessage</c> for failed calls.
/// </summary>
internal static partial class CloudTrailRecord
{
    /// <summary>The group a call acted on: its <c>GroupId</c> parameter, or the <c>groupId</c> its response names (CreateSecurityGroup).</summary>
    public static string? GroupOf(SandboxCall call)
    {
        if (call.Parameters.TryGetValue("GroupId", out var id) && id.Length > 0) return id;
        return call.ResponseXml is { } xml && ResponseGroupId().Match(xml) is { Success: true } m ? m.Groups[1].Value : null;
    }

    /// <summary>Deterministic event id (a GUID derived from the request id, which CloudTrail keeps separately).</summary>
    public static string EventId(SandboxCall call) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("event:" + call.RequestId))[..16]).ToString();

    /// <summary>The person-facing user name CloudTrail puts in the top-level <c>Username</c>: IAM user name or role session name.</summary>
    public static string UserName(string principalArn) => principalArn.Split('/')[^1];

    /// <summary>The record as a JSON object.</summary>
    public static JsonObject Build(SandboxCall call, string region, string account)
    {
        var record = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = UserIdentity(call.PrincipalArn, call.AccessKeyId, call.TimeUtc),
            ["eventTime"] = call.TimeUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["eventSource"] = "ec2.amazonaws.com",
            ["eventName"] = call.Action,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = call.SourceIp,
            ["userAgent"] = call.UserAgent,
            ["requestParameters"] = RequestParameters(call.Parameters),
            ["responseElements"] = call.Succeeded ? new JsonObject { ["requestId"] = call.RequestId, ["_return"] = true } : null,
            ["requestID"] = call.RequestId,
            ["eventID"] = EventId(call),
            ["readOnly"] = false,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = account,
            ["eventCategory"] = "Management",
        };
        if (!call.Succeeded)
        {
            record["errorCode"] = call.ErrorCode;
            record["errorMessage"] = call.ErrorMessage;
        }
        return record;
    }

    // One userIdentity builder for both CloudTrail surfaces of the sandbox (LookupEvents and EventBridge events).
    private static JsonObject UserIdentity(string arn, string accessKeyId, DateTimeOffset at) =>
        Events.CloudTrailEventFactory.UserIdentity(arn, accessKeyId, arn.Split(':') is { Length: > 4 } parts ? parts[4] : "", at);

    /// <summary>Query parameters (<c>IpPermissions.1.IpRanges.1.CidrIp</c>) as CloudTrail's nested camelCase JSON.</summary>
    internal static JsonObject RequestParameters(IReadOnlyDictionary<string, string> parameters)
    {
        var root = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            if (key is "Action" or "Version" || key.StartsWith("X-Amz-", StringComparison.Ordinal) || key.StartsWith("AWSAccessKeyId", StringComparison.Ordinal)) continue;
            var node = root;
            var parts = key.Split('.');
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!node.TryGetValue(parts[i], out var child) || child is not SortedDictionary<string, object> dict)
                    node[parts[i]] = dict = new SortedDictionary<string, object>(StringComparer.Ordinal);
                node = dict;
            }
            node[parts[^1]] = value;
        }
        return (JsonObject)ToJson(root, "")!;
    }

    private static JsonNode? ToJson(object value, string name)
    {
        if (value is string s)
            return name.EndsWith("Port", StringComparison.OrdinalIgnoreCase) && int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? JsonValue.Create(n) : JsonValue.Create(s);
        var dict = (SortedDictionary<string, object>)value;
        if (dict.Count > 0 && dict.Keys.All(k => int.TryParse(k, out _)))
        {
            var items = new JsonArray();
            foreach (var (_, v) in dict.OrderBy(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture))) items.Add(ToJson(v, name));
            return new JsonObject { ["items"] = items };
        }
        var o = new JsonObject();
        foreach (var (k, v) in dict) o[Camel(k)] = ToJson(v, k);
        return o;
    }

    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    /// <summary>JSON text of a record (CloudTrail's <c>CloudTrailEvent</c> string).</summary>
    public static string Text(JsonObject record) => record.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    [GeneratedRegex(@"<groupId>([^<]+)</groupId>")]
    private static partial Regex ResponseGroupId();
}
