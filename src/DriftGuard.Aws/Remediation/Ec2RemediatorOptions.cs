using Amazon.Runtime;

namespace DriftGuard.Aws.Remediation;

/// <summary>How <see cref="Ec2Remediator"/> reaches EC2 and STS, and how long it verifies.</summary>
public sealed record Ec2RemediatorOptions
{
    /// <summary>Endpoint for EC2 and STS (<c>--endpoint-url</c>, the sandbox); null: the regional AWS endpoints.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Credentials; null: the SDK's default chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>SDK retry mode: throttling (<c>RequestLimitExceeded</c>) and 5xx are retried by the SDK itself.</summary>
    public RequestRetryMode RetryMode { get; init; } = RequestRetryMode.Standard;

    /// <summary>Region for groups that carry none, and for STS.</summary>
    public string DefaultRegion { get; init; } = "us-east-1";

    /// <summary>Verification reads per group at most (EC2 is eventually consistent).</summary>
    public int VerifyAttempts { get; init; } = 5;

    /// <summary>Time the verification reads of one group may span at most.</summary>
    public TimeSpan VerifyWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock for audit times and verification back-off.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
