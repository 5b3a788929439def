namespace DriftGuard.Sandbox.Model;

/// <summary>
/// One recorded mutating API call, with what CloudTrail would record for it: UTC time, action (event name),
/// caller principal ARN and access key id, source IP, user agent, the request parameters as sent on the wire
/// (e.g. <c>IpPermissions.1.IpRanges.1.CidrIp</c>), the request id, and the error code (null on success).
/// </summary>
public sealed record SandboxCall(
    DateTimeOffset TimeUtc, string Action, string PrincipalArn, string AccessKeyId, string SourceIp, string UserAgent,
    IReadOnlyDictionary<string, string> Parameters, string RequestId, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>The XML body the caller received (success or error), for CloudTrail-style <c>responseElements</c>.</summary>
    public string? ResponseXml { get; init; }

    /// <summary>Service the call went to: <c>ec2</c> or <c>sts</c>.</summary>
    public string Service { get; init; } = "ec2";

    /// <summary>True when the call changed (or, with DryRun, would have changed) nothing because it failed.</summary>
    public bool Succeeded => ErrorCode is null;
}
