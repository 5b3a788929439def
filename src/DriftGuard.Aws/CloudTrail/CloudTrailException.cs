namespace DriftGuard.Aws.CloudTrail;

/// <summary>
/// A CloudTrail error response (JSON protocol: <c>__type</c> and <c>message</c>), e.g. <c>AccessDeniedException</c>,
/// <c>ThrottlingException</c>, <c>InvalidLookupAttributesException</c>; or a transport failure (<see cref="Code"/> <c>Unreachable</c>).
/// See https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html#API_LookupEvents_Errors.
/// </summary>
public sealed class CloudTrailException(string code, string message, int status, Exception? inner = null)
    : Exception($"{code}: {message}", inner)
{
    /// <summary>Error code without the namespace prefix.</summary>
    public string Code { get; } = code;
    /// <summary>HTTP status (0 for a transport failure).</summary>
    public int Status { get; } = status;
    /// <summary>The message as the service sent it.</summary>
    public string ServiceMessage { get; } = message;
}
