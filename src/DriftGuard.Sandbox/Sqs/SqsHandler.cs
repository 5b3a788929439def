using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DriftGuard.Sandbox.Sqs;

/// <summary>
/// Serves the SQS JSON protocol that AWSSDK.SQS v4 speaks: <c>POST /</c> with <c>X-Amz-Target: AmazonSQS.{Operation}</c>
/// and <c>Content-Type: application/x-amz-json-1.0</c>, a JSON request body and a JSON response.
/// Operations: CreateQueue, GetQueueUrl, SendMessage, ReceiveMessage (long polling with <c>WaitTimeSeconds</c>,
/// <c>VisibilityTimeout</c>, <c>MaxNumberOfMessages</c>), DeleteMessage, ChangeMessageVisibility, GetQueueAttributes.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html and
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-json.html.</remarks>
internal sealed class SqsHandler(SqsQueues queues)
{
    public const string TargetPrefix = "AmazonSQS.";
    private const string ContentType = "application/x-amz-json-1.0";

    /// <summary>True when the request is an SQS JSON-protocol call (routed by its <c>X-Amz-Target</c> header).</summary>
    public static bool Handles(HttpRequest request) =>
        request.Headers["X-Amz-Target"].ToString().StartsWith(TargetPrefix, StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext http)
    {
        var operation = http.Request.Headers["X-Amz-Target"].ToString()[TargetPrefix.Length..];
        var requestId = Guid.NewGuid().ToString();
        int status = 200;
        JsonObject response;
        try
        {
            JsonObject request;
            using (var reader = new StreamReader(http.Request.Body))
            {
                var text = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
                request = ParseBody(text);
            }
            response = await ServeAsync(operation, request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (SqsFault fault)
        {
            status = fault.Status;
            response = new JsonObject { ["__type"] = $"com.amazonaws.sqs#{fault.Code}", ["message"] = fault.Message };
            http.Response.Headers["x-amzn-query-error"] = $"{fault.QueryCode};Sender";
        }
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        await http.Response.WriteAsync(response.ToJsonString(), http.RequestAborted).ConfigureAwait(false);
    }

    private async Task<JsonObject> ServeAsync(string operation, JsonObject request, CancellationToken ct)
    {
        switch (operation)
        {
            case "CreateQueue":
            {
                var name = RequiredString(request, "QueueName");
                if (name.Length is 0 or > 80 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                    throw SqsFault.InvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
                TimeSpan? visibility = request["Attributes"]?["VisibilityTimeout"] is { } v ? TimeSpan.FromSeconds(IntOf(v, "VisibilityTimeout", 0, 43200)) : null;
                return new JsonObject { ["QueueUrl"] = queues.GetOrCreate(name, visibility).Url.ToString() };
            }
            case "GetQueueUrl":
                return new JsonObject { ["QueueUrl"] = (queues.ByName(RequiredString(request, "QueueName")) ?? throw SqsFault.QueueDoesNotExist()).Url.ToString() };
            case "SendMessage":
            {
                var queue = Queue(request);
                var body = RequiredString(request, "MessageBody");
                if (body.Length == 0) throw SqsFault.InvalidParameterValue("The request must contain a non-empty message body.");
                var delay = request["DelaySeconds"] is { } d ? IntOf(d, "DelaySeconds", 0, 900) : 0;
                var (id, md5) = queue.Send(body, TimeSpan.FromSeconds(delay));
                return new JsonObject { ["MessageId"] = id, ["MD5OfMessageBody"] = md5 };
            }
            case "ReceiveMessage":
            {
                var queue = Queue(request);
                var max = request["MaxNumberOfMessages"] is { } m ? IntOf(m, "MaxNumberOfMessages", 1, 10) : 1;
                var wait = request["WaitTimeSeconds"] is { } w ? IntOf(w, "WaitTimeSeconds", 0, 20) : 0;
                var visibility = request["VisibilityTimeout"] is { } vt ? TimeSpan.FromSeconds(IntOf(vt, "VisibilityTimeout", 0, 43200)) : queue.VisibilityTimeout;
                var received = await queue.ReceiveAsync(max, visibility, TimeSpan.FromSeconds(wait), ct).ConfigureAwait(false);
                var result = new JsonObject();
                if (received.Count > 0) result["Messages"] = new JsonArray([.. received.Select(ToJson)]);
                return result;
            }
            case "DeleteMessage":
            {
                var queue = Queue(request);
                var handle = RequiredString(request, "ReceiptHandle");
                if (!queue.Delete(handle)) throw SqsFault.ReceiptHandleIsInvalid(handle);
                return [];
            }
            case "ChangeMessageVisibility":
            {
                var queue = Queue(request);
                var handle = RequiredString(request, "ReceiptHandle");
                var seconds = request["VisibilityTimeout"] is { } vt ? IntOf(vt, "VisibilityTimeout", 0, 43200) : throw SqsFault.MissingParameter("VisibilityTimeout");
                if (!queue.ChangeVisibility(handle, TimeSpan.FromSeconds(seconds))) throw SqsFault.ReceiptHandleIsInvalid(handle);
                return [];
            }
            case "GetQueueAttributes":
            {
                var queue = Queue(request);
                return new JsonObject
                {
                    ["Attributes"] = new JsonObject
                    {
                        ["QueueArn"] = queue.Arn,
                        ["ApproximateNumberOfMessages"] = queue.VisibleCount.ToString(CultureInfo.InvariantCulture),
                        ["ApproximateNumberOfMessagesNotVisible"] = (queue.Count - queue.VisibleCount).ToString(CultureInfo.InvariantCulture),
                        ["VisibilityTimeout"] = ((int)queue.VisibilityTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                    },
                };
            }
            default:
                throw SqsFault.UnsupportedOperation(operation);
        }
    }

    private static JsonObject ToJson(SqsReceived m) => new()
    {
        ["MessageId"] = m.MessageId,
        ["ReceiptHandle"] = m.ReceiptHandle,
        ["MD5OfBody"] = m.Md5OfBody,
        ["Body"] = m.Body,
        ["Attributes"] = new JsonObject
        {
            ["SentTimestamp"] = m.SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["ApproximateReceiveCount"] = m.ReceiveCount.ToString(CultureInfo.InvariantCulture),
            ["ApproximateFirstReceiveTimestamp"] = m.FirstReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        },
    };

    private SqsQueue Queue(JsonObject request) => queues.ByUrl(RequiredString(request, "QueueUrl")) ?? throw SqsFault.QueueDoesNotExist();

    private static JsonObject ParseBody(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw SqsFault.InvalidParameterValue("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw SqsFault.InvalidParameterValue($"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static string RequiredString(JsonObject request, string name) =>
        request[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw SqsFault.MissingParameter(name);

    private static int IntOf(JsonNode node, string name, int min, int max)
    {
        int? value = node is JsonValue v
            ? v.TryGetValue<int>(out var i) ? i
            : v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null
            : null;
        if (value is null || value < min || value > max)
            throw SqsFault.InvalidParameterValue($"Value {node.ToJsonString()} for parameter {name} is invalid. Reason: must be between {min} and {max}.");
        return value.Value;
    }
}
