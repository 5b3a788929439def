using Amazon.Runtime;

namespace DriftGuard.Aws.Watch;

/// <summary>How watch mode reaches AWS: one region (one watcher per region, like the EventBridge rule), an optional endpoint, credentials.</summary>
public sealed record WatchAwsOptions
{
    /// <summary>Region of the groups and the queue.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Endpoint override for EC2 and SQS (the sandbox); null: AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Credentials; null: the SDK's default chain.</summary>
    public AWSCredentials? Credentials { get; init; }
}
