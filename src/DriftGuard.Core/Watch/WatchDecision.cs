namespace DriftGuard.Core.Watch;

/// <summary>
/// One line of the watch log (JSON lines): what happened and what DriftGuard decided. <c>decision</c> is one of
/// <c>start</c>, <c>reload</c>, <c>reload-failed</c>, <c>in-sync</c>, <c>drift</c> (detected, not reverted by scope),
/// <c>remediated</c> (reverted and verified), <c>refused</c> (over <c>--max-changes</c>), <c>pull-request</c> (<c>--open-pr</c>), <c>unverified</c>, <c>remediation-failed</c>, <c>read-failed</c>,
/// <c>malformed</c>, <c>ignored</c>, <c>duplicate</c>, <c>receive-failed</c>, <c>error</c>, <c>stop</c>.
/// </summary>
public sealed record WatchDecision(string Time, string Decision, string Trigger)
{
    /// <summary>Queue message id.</summary>
    public string? MessageId { get; init; }
    /// <summary>CloudTrail event id.</summary>
    public string? EventId { get; init; }
    /// <summary>CloudTrail event name.</summary>
    public string? EventName { get; init; }
    /// <summary>When the change happened (CloudTrail eventTime).</summary>
    public string? EventTime { get; init; }
    /// <summary>The person who made the change.</summary>
    public string? Actor { get; init; }
    /// <summary>Principal ARN of the change.</summary>
    public string? ActorArn { get; init; }
    /// <summary>Role behind an assumed-role session.</summary>
    public string? Role { get; init; }
    /// <summary>Source IP of the change.</summary>
    public string? SourceIp { get; init; }
    /// <summary>User agent of the change.</summary>
    public string? UserAgent { get; init; }
    /// <summary>Groups looked at.</summary>
    public IReadOnlyList<string>? Groups { get; init; }
    /// <summary>Drifts found, one text each (<c>sg-… unmanaged ingress tcp/22 0.0.0.0/0 [high DG-SG-001]</c>).</summary>
    public IReadOnlyList<string>? Drifts { get; init; }
    /// <summary>Drifts reverted (verified or not).</summary>
    public IReadOnlyList<string>? Remediated { get; init; }
    /// <summary>Revert failures with their error.</summary>
    public IReadOnlyList<string>? Failed { get; init; }
    /// <summary>True/false after a verification re-read; null when nothing needed verifying.</summary>
    public bool? Verified { get; init; }
    /// <summary>Attempt number of a retried step.</summary>
    public int? Attempt { get; init; }
    /// <summary>Scope in force.</summary>
    public string? Scope { get; init; }
    /// <summary>One-line error or detail.</summary>
    public string? Detail { get; init; }
    /// <summary>Message received → first revert call sent, in milliseconds (DriftGuard's own processing).</summary>
    public double? ProcessingMs { get; init; }
    /// <summary>Message received → decision, in milliseconds.</summary>
    public double? HandledMs { get; init; }
    /// <summary>Running totals.</summary>
    public WatchCounterSnapshot? Counters { get; init; }
}
