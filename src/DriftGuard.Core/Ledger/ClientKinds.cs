namespace DriftGuard.Core.Ledger;

/// <summary>Which client made an API call, from the CloudTrail <c>userAgent</c> field.</summary>
/// <remarks>https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html (userAgent).</remarks>
public static class ClientKinds
{
    /// <summary>
    /// <c>console</c>, <c>Terraform</c>, <c>CloudFormation</c>, <c>AWS CLI</c>, <c>SDK</c> or <c>API</c>; null when
    /// <paramref name="userAgent"/> is empty.
    /// </summary>
    public static string? Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return null;
        var ua = userAgent.ToLowerInvariant();
        if (ua.Contains("console.amazonaws.com") || ua.Contains("console.ec2.amazonaws.com") || ua == "aws internal" || ua.StartsWith("signin.amazonaws.com", StringComparison.Ordinal)) return "console";
        if (ua.Contains("terraform")) return "Terraform";
        if (ua.Contains("cloudformation")) return "CloudFormation";
        if (ua.Contains("aws-cli/")) return "AWS CLI";
        if (ua.Contains("aws-sdk") || ua.Contains("boto")) return "SDK";
        return "API";
    }
}
