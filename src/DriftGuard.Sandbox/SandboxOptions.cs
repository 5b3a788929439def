namespace DriftGuard.Sandbox;

/// <summary>
/// How a <see cref="SandboxServer"/> runs: where it listens, which world it serves and which faults it injects.
/// Defaults give a fresh in-memory world in <c>us-east-1</c> for account <c>123456789012</c> on a free loopback port.
/// </summary>
public sealed record SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port (read it back from <see cref="SandboxServer.Endpoint"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// Optional JSON file holding the world. Loaded at start when it exists, rewritten after every mutation, so
    /// separate runs (CLI invocations, test servers) see one world. Last writer wins if two servers share it.
    /// </summary>
    public string? StateFile { get; init; }

    /// <summary>Region the world lives in; used in ARNs and DescribeRegions.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>12-digit account id that owns every VPC and group.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>When &gt; 0, every Nth request (counted over all requests) fails with HTTP 503 <c>RequestLimitExceeded</c>.</summary>
    public int ThrottleEveryNth { get; init; }

    /// <summary>When &gt; 0, every Nth request fails with HTTP 500 <c>InternalError</c>.</summary>
    public int FailEveryNth { get; init; }

    /// <summary>Delay added before each response.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Access key id → principal ARN (<c>arn:aws:iam::ACCOUNT:user/NAME</c> or
    /// <c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>). Keys not listed map to
    /// <see cref="DefaultPrincipalArn"/>. Signatures are never verified.
    /// </summary>
    public IReadOnlyDictionary<string, string> Principals { get; init; } = new Dictionary<string, string>();

    /// <summary>Principal for access keys not in <see cref="Principals"/>; null means <c>arn:aws:iam::ACCOUNT:user/sandbox</c>.</summary>
    public string? DefaultPrincipalArn { get; init; }

    /// <summary>
    /// Access key id → actions it may not call (e.g. <c>AuthorizeSecurityGroupIngress</c>, <c>ec2:DescribeSecurityGroups</c>
    /// or <c>*</c>); such calls fail with HTTP 403 <c>UnauthorizedOperation</c>, DryRun or not.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> DeniedActions { get; init; } =
        new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>EC2 quota "inbound or outbound rules per security group" (60 by default), enforced separately for IPv4 and IPv6 as AWS does.</summary>
    public int RulesPerSecurityGroup { get; init; } = 60;

    /// <summary>When set, ids (<c>sg-</c>, <c>sgr-</c>, <c>vpc-</c>) come from a seeded generator so runs are repeatable.</summary>
    public int? IdSeed { get; init; }

    /// <summary>
    /// When set, the sandbox plays CloudTrail + EventBridge: an SQS queue of this name exists from the start and, after
    /// every security-group call the watch rule selects, receives the EventBridge-shaped CloudTrail event
    /// (see <c>Events/CloudTrailEventFactory</c>). Null: no events.
    /// </summary>
    public string? EventQueueName { get; init; }

    /// <summary>Delay between a call and its event reaching <see cref="EventQueueName"/> (AWS: typically seconds to minutes; 0 = at once).</summary>
    public TimeSpan EventDeliveryDelay { get; init; } = TimeSpan.Zero;

    internal string PrincipalFor(string accessKeyId) =>
        Principals.TryGetValue(accessKeyId, out var arn) ? arn : DefaultPrincipalArn ?? $"arn:aws:iam::{AccountId}:user/sandbox";

    internal bool IsDenied(string accessKeyId, string service, string action) =>
        DeniedActions.TryGetValue(accessKeyId, out var denied)
        && (denied.Contains("*") || denied.Contains(action) || denied.Contains($"{service}:{action}") || denied.Contains($"{service}:*"));
}
