using System.Globalization;
using System.Text.Json;

namespace DriftGuard.Core.Watch;

/// <summary>
/// Reads one SQS message body into a <see cref="WatchEvent"/>. Accepts the EventBridge event
/// (<c>{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.ec2",…,"detail":{…}}</c>), the same
/// wrapped in an SNS notification (<c>{"Type":"Notification","Message":"…"}</c>), or a bare CloudTrail record.
/// Anything else is an error line, never an exception.
/// </summary>
/// <remarks>
/// Shapes: https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-cloudtrail.html,
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html.
/// Group ids come from <c>requestParameters.groupId</c>, <c>requestParameters.*Request.GroupId</c>
/// (ModifySecurityGroupRules), <c>responseElements.groupId</c> (CreateSecurityGroup) and
/// <c>responseElements.securityGroupRuleSet.items[].groupId</c>; a peer group inside <c>ipPermissions</c> is not the group changed.
/// </remarks>
public static class CloudTrailEventParser
{
    private const int MaxBody = 256 * 1024;

    /// <summary>Parses <paramref name="body"/>; the error names what is missing or wrong in one line.</summary>
    public static ParsedEvent Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return ParsedEvent.Fail("empty message body");
        if (body.Length > MaxBody) return ParsedEvent.Fail($"message body of {body.Length} characters is larger than an SQS message can be");
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return ParsedEvent.Fail("message body is not a JSON object");
            if (ActorResolver.Str(root, "Type") == "Notification" && ActorResolver.Str(root, "Message") is { } inner)
                return Parse(inner);
            if (root.TryGetProperty("detail", out var detail))
            {
                if (detail.ValueKind != JsonValueKind.Object) return ParsedEvent.Fail("'detail' is not an object");
                var source = ActorResolver.Str(root, "source");
                var detailType = ActorResolver.Str(root, "detail-type");
                if (detailType is not null && detailType != WatchedEvents.DetailType)
                    return ParsedEvent.Fail($"detail-type '{detailType}' is not a CloudTrail API call");
                return FromRecord(detail, source, ActorResolver.Str(root, "account"), ActorResolver.Str(root, "id"), ActorResolver.Str(root, "time"));
            }
            if (root.TryGetProperty("eventName", out _)) return FromRecord(root, null, null, null, null);
            return ParsedEvent.Fail("not an EventBridge CloudTrail event: no 'detail' and no 'eventName'");
        }
        catch (JsonException ex)
        {
            return ParsedEvent.Fail($"message body is not valid JSON: {FirstLine(ex.Message)}");
        }
    }

    private static ParsedEvent FromRecord(JsonElement record, string? source, string? account, string? envelopeId, string? envelopeTime)
    {
        var name = ActorResolver.Str(record, "eventName");
        if (name is null) return ParsedEvent.Fail("CloudTrail record has no eventName");
        var id = ActorResolver.Str(record, "eventID") ?? envelopeId;
        if (id is null) return ParsedEvent.Fail($"{name}: CloudTrail record has no eventID");
        var timeText = ActorResolver.Str(record, "eventTime") ?? envelopeTime;
        if (timeText is null || !DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return ParsedEvent.Fail($"{name} {id}: eventTime '{timeText}' is missing or not a date");
        var actor = record.TryGetProperty("userIdentity", out var identity) ? ActorResolver.Resolve(identity) : WatchActor.Unknown;
        var groups = new List<string>();
        if (record.TryGetProperty("requestParameters", out var request)) CollectGroupIds(request, groups, depth: 0);
        if (record.TryGetProperty("responseElements", out var response))
        {
            CollectGroupIds(response, groups, depth: 0);
            if (response.ValueKind == JsonValueKind.Object && response.TryGetProperty("securityGroupRuleSet", out var set) &&
                set.ValueKind == JsonValueKind.Object && set.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray()) CollectGroupIds(item, groups, depth: 1);
            }
        }
        return new ParsedEvent(new WatchEvent(id, name, time, ActorResolver.Str(record, "awsRegion"),
            ActorResolver.Str(record, "recipientAccountId") ?? account, groups, actor)
        {
            SourceIp = ActorResolver.Str(record, "sourceIPAddress"),
            UserAgent = ActorResolver.Str(record, "userAgent"),
            RequestId = ActorResolver.Str(record, "requestID"),
            ErrorCode = ActorResolver.Str(record, "errorCode"),
            Source = source,
        }, null);
    }

    /// <summary>Adds <c>groupId</c> values of <paramref name="node"/>, and of a <c>…Request</c> wrapper one level down.</summary>
    private static void CollectGroupIds(JsonElement node, List<string> into, int depth)
    {
        if (node.ValueKind != JsonValueKind.Object) return;
        foreach (var p in node.EnumerateObject())
        {
            if (p.NameEquals("groupId") || p.NameEquals("GroupId"))
            {
                if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { } id && id.StartsWith("sg-", StringComparison.Ordinal) && !into.Contains(id))
                    into.Add(id);
            }
            else if (depth == 0 && p.Name.EndsWith("Request", StringComparison.Ordinal)) CollectGroupIds(p.Value, into, depth + 1);
        }
    }

    private static string FirstLine(string text)
    {
        var nl = text.IndexOfAny(['\r', '\n']);
        return nl < 0 ? text : text[..nl];
    }
}
