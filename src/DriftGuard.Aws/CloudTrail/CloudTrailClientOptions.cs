using Amazon.Runtime;

namespace DriftGuard.Aws.CloudTrail;

/// <summary>Where and as whom the CloudTrail client calls.</summary>
public sealed record CloudTrailClientOptions
{
    /// <summary>Region of the trail's events (LookupEvents is regional); the signing region.</summary>
    public string Region { get; init; } = "us-east-1";
    /// <summary>Endpoint override (the sandbox: <c>--cloudtrail-endpoint</c>); null = <c>https://cloudtrail.REGION.amazonaws.com/</c>.</summary>
    public string? Endpoint { get; init; }
    /// <summary>Credentials; null = the SDK's default chain.</summary>
    public AWSCredentials? Credentials { get; init; }
    /// <summary>HTTP handler (tests); null = a new <see cref="HttpClientHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }
    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Retries after <c>ThrottlingException</c> or a 5xx answer.</summary>
    public int MaxRetries { get; init; } = 3;
}
