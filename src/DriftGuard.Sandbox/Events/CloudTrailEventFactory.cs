using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using DriftGuard.Sandbox.Model;

namespace DriftGuard.Sandbox.Events;

/// <summary>
/// Turns a recorded sandbox call into the event EventBridge delivers for a CloudTrail management event:
/// <c>{"version":"0","id","detail-type":"AWS API Call via CloudTrail","source":"aws.ec2","account","time","region",
/// "resources":[],"detail":{eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion, sourceIPAddress,
/// userAgent, requestParameters, responseElements, requestID, eventID, readOnly, eventType, recipientAccountId}}</c>.
/// </summary>
/// <remarks>
/// Shapes: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html,
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html and
/// https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-cloudtrail.html. Query parameters become
/// CloudTrail's nested camel-case shape (<c>IpPermissions.1.IpRanges.1.CidrIp</c> →
/// <c>ipPermissions.items[0].ipRanges.items[0].cidrIp</c>); ModifySecurityGroupRules keeps its Pascal-case
/// <c>ModifySecurityGroupRulesRequest</c> wrapper, as CloudTrail records it.
/// </remarks>
public static class CloudTrailEventFactory
{
    /// <summary>The EC2 calls the watch rule's event pattern selects; others are not delivered.</summary>
    public static readonly IReadOnlySet<string> WatchedEventNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
        "ModifySecurityGroupRules", "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress",
        "CreateSecurityGroup", "DeleteSecurityGroup",
    };

    private static readonly HashSet<string> NotRequestParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Action", "Version", "AWSAccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "Timestamp", "Expires",
        "SecurityToken", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Security-Token",
    };

    /// <summary>The EventBridge event (JSON text) for <paramref name="call"/>.</summary>
    public static string Build(SandboxCall call, string region, string accountId)
    {
        var time = call.TimeUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var detail = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = UserIdentity(call.PrincipalArn, call.AccessKeyId, accountId, call.TimeUtc),
            ["eventTime"] = time,
            ["eventSource"] = "ec2.amazonaws.com",
            ["eventName"] = call.Action,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = call.SourceIp,
            ["userAgent"] = call.UserAgent,
            ["requestParameters"] = RequestParameters(call),
        };
        if (call.ErrorCode is not null)
        {
            detail["errorCode"] = call.ErrorCode;
            detail["errorMessage"] = call.ErrorMessage;
            detail["responseElements"] = null;
        }
        else detail["responseElements"] = ResponseElements(call);
        detail["requestID"] = call.RequestId;
        detail["eventID"] = Guid.NewGuid().ToString();
        detail["readOnly"] = false;
        detail["eventType"] = "AwsApiCall";
        detail["managementEvent"] = true;
        detail["recipientAccountId"] = accountId;
        detail["eventCategory"] = "Management";

        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "AWS API Call via CloudTrail",
            ["source"] = "aws.ec2",
            ["account"] = accountId,
            ["time"] = time,
            ["region"] = region,
            ["resources"] = new JsonArray(),
            ["detail"] = detail,
        };
        return envelope.ToJsonString();
    }

    /// <summary>CloudTrail's <c>userIdentity</c> for an IAM user, an assumed role (SSO included) or root.</summary>
    internal static JsonObject UserIdentity(string arn, string accessKeyId, string accountId, DateTimeOffset time)
    {
        var parts = arn.Split(':', 6);
        var resource = parts.Length == 6 ? parts[5] : "";
        var account = parts.Length == 6 && parts[4].Length > 0 ? parts[4] : accountId;
        if (resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var segments = resource.Split('/');
            var role = segments.Length > 1 ? segments[1] : "";
            var session = segments.Length > 2 ? segments[2] : "";
            var roleId = FakeId("AROA", role);
            // IAM Identity Center roles live under the aws-reserved path.
            var rolePath = role.StartsWith("AWSReservedSSO_", StringComparison.Ordinal) ? "aws-reserved/sso.amazonaws.com/" : "";
            return new JsonObject
            {
                ["type"] = "AssumedRole",
                ["principalId"] = $"{roleId}:{session}",
                ["arn"] = arn,
                ["accountId"] = account,
                ["accessKeyId"] = accessKeyId,
                ["sessionContext"] = new JsonObject
                {
                    ["sessionIssuer"] = new JsonObject
                    {
                        ["type"] = "Role",
                        ["principalId"] = roleId,
                        ["arn"] = $"arn:aws:iam::{account}:role/{rolePath}{role}",
                        ["accountId"] = account,
                        ["userName"] = role,
                    },
                    ["attributes"] = new JsonObject
                    {
                        ["creationDate"] = time.AddMinutes(-5).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        ["mfaAuthenticated"] = "false",
                    },
                },
            };
        }
        if (resource == "root")
            return new JsonObject { ["type"] = "Root", ["principalId"] = account, ["arn"] = arn, ["accountId"] = account, ["accessKeyId"] = accessKeyId };
        var user = resource.StartsWith("user/", StringComparison.Ordinal) ? resource[(resource.LastIndexOf('/') + 1)..] : resource;
        return new JsonObject
        {
            ["type"] = "IAMUser",
            ["principalId"] = FakeId("AIDA", arn),
            ["arn"] = arn,
            ["accountId"] = account,
            ["accessKeyId"] = accessKeyId,
            ["userName"] = user,
        };
    }

    private static JsonNode RequestParameters(SandboxCall call)
    {
        var pascal = call.Action == "ModifySecurityGroupRules";
        var root = new JsonObject();
        foreach (var (key, value) in call.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (NotRequestParameters.Contains(key)) continue;
            Put(root, key.Split('.'), value, pascal);
        }
        return pascal ? new JsonObject { ["ModifySecurityGroupRulesRequest"] = root } : root;
    }

    /// <summary>Places one flat Query parameter into the nested CloudTrail shape; numbered segments become <c>items</c> arrays.</summary>
    private static void Put(JsonObject node, string[] path, string value, bool pascal)
    {
        var current = node;
        for (var i = 0; i < path.Length; i++)
        {
            var name = pascal ? path[i] : CamelCase(path[i]);
            var last = i == path.Length - 1;
            var nextIsIndex = !last && int.TryParse(path[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _);
            if (last)
            {
                current[name] = name.EndsWith("Port", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    ? JsonValue.Create(n) : JsonValue.Create(value);
                return;
            }
            if (nextIsIndex)
            {
                var index = int.Parse(path[i + 1], CultureInfo.InvariantCulture) - 1;
                var holder = current[name] as JsonObject ?? (JsonObject)(current[name] = new JsonObject());
                var items = holder["items"] as JsonArray ?? (JsonArray)(holder["items"] = new JsonArray());
                while (items.Count <= index) items.Add(new JsonObject());
                if (i + 2 >= path.Length)
                {
                    items[index] = JsonValue.Create(value);
                    return;
                }
                current = items[index] as JsonObject ?? (JsonObject)(items[index] = new JsonObject())!;
                i++;
            }
            else current = current[name] as JsonObject ?? (JsonObject)(current[name] = new JsonObject());
        }
    }

    private static JsonObject ResponseElements(SandboxCall call)
    {
        var result = new JsonObject { ["requestId"] = call.RequestId, ["_return"] = true };
        if (call.ResponseXml is not { Length: > 0 } xml) return result;
        try
        {
            var doc = XDocument.Parse(xml);
            var groupId = doc.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "groupId")?.Value;
            if (groupId is not null) result["groupId"] = groupId;
            var rules = doc.Descendants().Where(e => e.Name.LocalName == "securityGroupRuleSet").SelectMany(s => s.Elements())
                .Select(item => new JsonObject
                {
                    ["groupId"] = item.Elements().FirstOrDefault(e => e.Name.LocalName == "groupId")?.Value,
                    ["securityGroupRuleId"] = item.Elements().FirstOrDefault(e => e.Name.LocalName == "securityGroupRuleId")?.Value,
                })
                .ToList();
            if (rules.Count > 0) result["securityGroupRuleSet"] = new JsonObject { ["items"] = new JsonArray([.. rules]) };
        }
        catch (System.Xml.XmlException)
        {
            // A response that is not XML carries nothing CloudTrail would show.
        }
        return result;
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>A stable IAM-style unique id (prefix + 17 upper-case characters) derived from <paramref name="seed"/>.</summary>
    private static string FakeId(string prefix, string seed)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var sb = new StringBuilder(prefix);
        for (var i = 0; i < 17; i++) sb.Append(alphabet[hash[i] % alphabet.Length]);
        return sb.ToString();
    }
}
