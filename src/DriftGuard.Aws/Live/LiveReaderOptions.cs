using Amazon.Runtime;

namespace DriftGuard.Aws.Live;

/// <summary>What <see cref="Ec2LiveReader.ReadAsync"/> reads, and how it reaches EC2.</summary>
public sealed record LiveReaderOptions
{
    /// <summary>Regions to read (<c>--region</c>, repeatable). Empty: <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else <c>us-east-1</c>.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Read every region enabled for the account (<c>--all-regions</c>), found with <c>DescribeRegions</c>.</summary>
    public bool AllRegions { get; init; }

    /// <summary>Roles to assume (<c>--role-arn</c>, repeatable), one account each; empty: the ambient credentials.</summary>
    public IReadOnlyList<string> RoleArns { get; init; } = [];

    /// <summary>
    /// Endpoint for EC2 and STS (<c>--endpoint-url</c>, e.g. the sandbox). Null: <c>AWS_ENDPOINT_URL_EC2</c>
    /// (<c>AWS_ENDPOINT_URL_STS</c> for STS), else <c>AWS_ENDPOINT_URL</c>, else AWS.
    /// </summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Only groups of these VPCs (<c>vpc-id</c> filter); empty: every group.</summary>
    public IReadOnlyList<string> VpcIds { get; init; } = [];

    /// <summary>Credentials to use; null: the SDK's default chain (environment, profile, SSO, instance role).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>SDK retry mode for throttling and transient errors: <c>Standard</c> (default) or <c>Adaptive</c>.</summary>
    public RequestRetryMode RetryMode { get; init; } = RequestRetryMode.Standard;
}
