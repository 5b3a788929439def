using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using Microsoft.AspNetCore.Http;

namespace DriftGuard.Sandbox.CloudTrail;

/// <summary>
/// CloudTrail <c>LookupEvents</c> on the sandbox endpoint, answered from the mutating EC2 calls the sandbox recorded
/// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html). Requests are recognised by
/// <c>X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents</c> (AWS JSON 1.1). One lookup
/// attribute per call (EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId);
/// StartTime/EndTime as epoch seconds; MaxResults 1–50 (default 50); events newest first; an opaque NextToken.
/// Errors use the JSON protocol: HTTP 400 with <c>__type</c> and <c>message</c>. Like CloudTrail it allows 2 calls a
/// second per account and region and answers a third within the same second with <c>ThrottlingException</c>.
/// Every request is kept in <see cref="Requests"/> (time, Authorization header) for tests.
/// </summary>
internal sealed class CloudTrailService(SandboxState state, SandboxOptions options)
{
    public const string TargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    private static readonly string[] AttributeKeys = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"];
    private readonly List<CloudTrailRequest> _requests = [];
    private readonly Lock _gate = new();

    /// <summary>One LookupEvents request as received.</summary>
    public sealed record CloudTrailRequest(DateTimeOffset At, string Target, string Authorization, string? AccessKeyId);

    /// <summary>Requests received so far, oldest first.</summary>
    public IReadOnlyList<CloudTrailRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>Serves the request when it is a CloudTrail call; false otherwise (nothing read).</summary>
    public async Task<bool> TryHandleAsync(HttpContext http)
    {
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal)) return false;
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        var authorization = http.Request.Headers.Authorization.ToString();
        var credential = CallerCredential.From(authorization, QueryParameters.Parse(null, null));
        var operation = target[TargetPrefix.Length..];
        state.CountRequest(operation);
        var now = DateTimeOffset.UtcNow;
        bool throttled;
        lock (_gate)
        {
            _requests.Add(new CloudTrailRequest(now, target, authorization, credential?.AccessKeyId));
            // A third call within one second (per account and region: the sandbox has one of each).
            throttled = _requests.Count >= 3 && now - _requests[^3].At < TimeSpan.FromMilliseconds(900);
        }
        var requestId = Guid.NewGuid().ToString();
        int status;
        string json;
        try
        {
            if (credential is null) throw new CloudTrailFault("MissingAuthenticationTokenException", "Missing Authentication Token");
            if (throttled) throw new CloudTrailFault("ThrottlingException", "Rate exceeded");
            if (operation != "LookupEvents") throw new CloudTrailFault("UnknownOperationException", $"Operation {operation} is not supported by the sandbox");
            var principal = state.SessionPrincipal(credential.AccessKeyId) ?? options.PrincipalFor(credential.AccessKeyId);
            if (options.IsDenied(credential.AccessKeyId, "cloudtrail", "LookupEvents"))
                throw new CloudTrailFault("AccessDeniedException", $"User: {principal} is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action");
            json = LookupEvents(body);
            status = 200;
        }
        catch (CloudTrailFault fault)
        {
            status = 400;
            json = new JsonObject { ["__type"] = fault.Code, ["message"] = fault.Message }.ToJsonString();
            http.Response.Headers["x-amzn-ErrorType"] = fault.Code;
        }
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/x-amz-json-1.1";
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        await http.Response.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private string LookupEvents(string body)
    {
        JsonObject request;
        try { request = JsonNode.Parse(body.Length == 0 ? "{}" : body) as JsonObject ?? throw new CloudTrailFault("SerializationException", "Request body must be a JSON object"); }
        catch (JsonException ex) { throw new CloudTrailFault("SerializationException", ex.Message); }

        var attributes = request["LookupAttributes"] as JsonArray ?? [];
        if (attributes.Count > 1) throw new CloudTrailFault("InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.");
        string? key = null, value = null;
        if (attributes.Count == 1)
        {
            key = attributes[0]?["AttributeKey"]?.GetValue<string>();
            value = attributes[0]?["AttributeValue"]?.GetValue<string>();
            if (key is null || !AttributeKeys.Contains(key) || string.IsNullOrEmpty(value))
                throw new CloudTrailFault("InvalidLookupAttributesException", $"Invalid lookup attribute: {key ?? "null"}");
        }
        var maxResults = Number(request["MaxResults"]) is { } m ? (int)m : 50;
        if (maxResults is < 1 or > 50) throw new CloudTrailFault("InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
        var start = Number(request["StartTime"]) is { } s ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000)) : DateTimeOffset.MinValue;
        var end = Number(request["EndTime"]) is { } e ? DateTimeOffset.FromUnixTimeMilliseconds((long)(e * 1000)) : DateTimeOffset.MaxValue;
        if (start > end) throw new CloudTrailFault("InvalidTimeRangeException", "Start time must be before end time.");
        var query = $"{key}={value}";
        var offset = 0;
        if (request["NextToken"]?.GetValue<string>() is { } token) offset = DecodeToken(token, query);

        var events = state.Calls
            .Where(c => c.Service == "ec2")
            .Select(c => (Call: c, Group: CloudTrailRecord.GroupOf(c)))
            .Where(x => x.Call.TimeUtc >= start && x.Call.TimeUtc <= end && Matches(x.Call, x.Group, key, value))
            .OrderByDescending(x => x.Call.TimeUtc)
            .ToList();
        var page = events.Skip(offset).Take(maxResults).Select(x => Event(x.Call, x.Group)).ToList();
        var response = new JsonObject { ["Events"] = new JsonArray([.. page]) };
        if (offset + maxResults < events.Count) response["NextToken"] = EncodeToken(offset + maxResults, query);
        return response.ToJsonString();
    }

    private JsonObject Event(SandboxCall call, string? group)
    {
        var record = CloudTrailRecord.Build(call, state.Region, state.AccountId);
        var resources = new JsonArray();
        if (group is not null) resources.Add(new JsonObject { ["ResourceType"] = "AWS::EC2::SecurityGroup", ["ResourceName"] = group });
        return new JsonObject
        {
            ["EventId"] = CloudTrailRecord.EventId(call),
            ["EventName"] = call.Action,
            ["ReadOnly"] = "false",
            ["AccessKeyId"] = call.AccessKeyId,
            ["EventTime"] = Math.Round(call.TimeUtc.ToUnixTimeMilliseconds() / 1000.0, 3),
            ["EventSource"] = "ec2.amazonaws.com",
            ["Username"] = CloudTrailRecord.UserName(call.PrincipalArn),
            ["Resources"] = resources,
            ["CloudTrailEvent"] = CloudTrailRecord.Text(record),
        };
    }

    private static bool Matches(SandboxCall call, string? group, string? key, string? value) => key switch
    {
        null => true,
        "ResourceName" => group == value,
        "ResourceType" => group is not null && value == "AWS::EC2::SecurityGroup",
        "EventName" => call.Action == value,
        "EventId" => CloudTrailRecord.EventId(call) == value,
        "Username" => CloudTrailRecord.UserName(call.PrincipalArn) == value,
        "AccessKeyId" => call.AccessKeyId == value,
        "EventSource" => value == "ec2.amazonaws.com",
        "ReadOnly" => value == "false",
        _ => false,
    };

    private static double? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string EncodeToken(int offset, string query) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{offset.ToString(CultureInfo.InvariantCulture)}|{query}"));

    private static int DecodeToken(string token, string query)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|');
            if (bar > 0 && text[(bar + 1)..] == query && int.TryParse(text[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        }
        catch (FormatException) { /* falls through to the error */ }
        throw new CloudTrailFault("InvalidNextTokenException", "Invalid NextToken.");
    }

    private sealed class CloudTrailFault(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }
}
