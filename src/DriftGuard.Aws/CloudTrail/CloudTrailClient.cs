using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace DriftGuard.Aws.CloudTrail;

/// <summary>
/// A minimal CloudTrail client for <c>LookupEvents</c> over the AWS JSON 1.1 protocol: <c>POST /</c> with
/// <c>X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents</c> and
/// <c>Content-Type: application/x-amz-json-1.1</c>, signed with AWSSDK.Core's SigV4 signer
/// (<see cref="AWS4Signer"/>, service <c>cloudtrail</c>). One lookup attribute per call, as the API allows.
/// See https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html.
/// </summary>
public sealed class CloudTrailClient : ILookupEvents, IDisposable
{
    /// <summary>The X-Amz-Target of LookupEvents.</summary>
    public const string LookupEventsTarget = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    /// <summary>Most events a page may hold.</summary>
    public const int MaxResults = 50;

    private readonly CloudTrailClientOptions _options;
    private readonly HttpClient _http;
    private readonly CloudTrailSigningConfig _config;

    /// <summary>Creates a client; nothing is sent until <see cref="LookupEventsAsync"/>.</summary>
    public CloudTrailClient(CloudTrailClientOptions options)
    {
        _options = options;
        Endpoint = new Uri(options.Endpoint is { Length: > 0 } e ? (e.EndsWith('/') ? e : e + "/") : $"https://cloudtrail.{options.Region}.amazonaws.com/");
        _config = new CloudTrailSigningConfig(options.Region, Endpoint.ToString());
        _http = options.Handler is null ? new HttpClient() : new HttpClient(options.Handler, disposeHandler: false);
        _http.Timeout = options.Timeout;
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// One page of events whose resource name is <paramref name="resourceName"/> between <paramref name="start"/> and
    /// <paramref name="end"/>, newest first. Throws <see cref="CloudTrailException"/> for an error answer (after retrying
    /// throttling and 5xx) or an unreachable endpoint.
    /// </summary>
    public async Task<LookupEventsPage> LookupEventsAsync(string resourceName, DateTimeOffset start, DateTimeOffset end, string? nextToken, CancellationToken ct)
    {
        var body = RequestBody(resourceName, start, end, nextToken);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = await SignedRequestAsync(body, ct).ConfigureAwait(false);
                using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return ParsePage(text);
                var error = ParseError(text, (int)response.StatusCode, response.Headers.TryGetValues("x-amzn-ErrorType", out var t) ? t.FirstOrDefault() : null);
                if (attempt < _options.MaxRetries && (error.Code is "ThrottlingException" || error.Status >= 500))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)), ct).ConfigureAwait(false);
                    continue;
                }
                throw error;
            }
            catch (HttpRequestException ex)
            {
                throw new CloudTrailException("Unreachable", $"{Endpoint}: {ex.Message}", 0, ex);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new CloudTrailException("Unreachable", $"{Endpoint}: timed out after {_options.Timeout.TotalSeconds:0} s", 0, ex);
            }
        }
    }

    private async Task<HttpRequestMessage> SignedRequestAsync(byte[] body, CancellationToken ct)
    {
        var credentials = _options.Credentials ?? await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(_config).ConfigureAwait(false);
        var immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        var sdkRequest = new DefaultRequest(new LookupEventsMarker(), "CloudTrail")
        {
            HttpMethod = "POST",
            Endpoint = Endpoint,
            ResourcePath = "/",
            Content = body,
        };
        sdkRequest.Headers["Content-Type"] = "application/x-amz-json-1.1";
        sdkRequest.Headers["X-Amz-Target"] = LookupEventsTarget;
        // Session credentials (assumed roles, SSO) carry a token that must be sent and signed.
        if (immutable.UseToken) sdkRequest.Headers["X-Amz-Security-Token"] = immutable.Token;
        new AWS4Signer().Sign(sdkRequest, _config, null, credentials);

        var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        foreach (var (name, value) in sdkRequest.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("host", StringComparison.OrdinalIgnoreCase)) continue;
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    private static byte[] RequestBody(string resourceName, DateTimeOffset start, DateTimeOffset end, string? nextToken)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("LookupAttributes");
            w.WriteStartObject();
            w.WriteString("AttributeKey", "ResourceName");
            w.WriteString("AttributeValue", resourceName);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteNumber("StartTime", start.ToUnixTimeSeconds());
            w.WriteNumber("EndTime", end.ToUnixTimeSeconds());
            w.WriteNumber("MaxResults", MaxResults);
            if (nextToken is not null) w.WriteString("NextToken", nextToken);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Parses a LookupEvents response body.</summary>
    internal static LookupEventsPage ParsePage(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var events = new List<CloudTrailEventSummary>();
        if (root.TryGetProperty("Events", out var list) && list.ValueKind == JsonValueKind.Array)
            foreach (var e in list.EnumerateArray())
            {
                var resources = e.TryGetProperty("Resources", out var rs) && rs.ValueKind == JsonValueKind.Array
                    ? rs.EnumerateArray().Select(r => Str(r, "ResourceName")).OfType<string>().ToList() : [];
                events.Add(new CloudTrailEventSummary(Str(e, "EventId"), Str(e, "EventName"), Time(e, "EventTime"), Str(e, "Username"), resources, Str(e, "CloudTrailEvent")));
            }
        return new LookupEventsPage(events, Str(root, "NextToken") is { Length: > 0 } t ? t : null);
    }

    private static CloudTrailException ParseError(string body, int status, string? errorTypeHeader)
    {
        string? type = errorTypeHeader, message = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            type = Str(doc.RootElement, "__type") ?? type;
            message = Str(doc.RootElement, "message") ?? Str(doc.RootElement, "Message");
        }
        catch (JsonException) { message = body.Length > 200 ? body[..200] : body; }
        // "com.amazonaws.cloudtrail#AccessDeniedException" and "AccessDeniedException:http://…" both name the code.
        var code = (type ?? $"Http{status}").Split('#')[^1].Split(':')[0];
        return new CloudTrailException(code, message ?? "", status);
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number) return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v.GetDouble() * 1000));
        return v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed class LookupEventsMarker : AmazonWebServiceRequest;
}
