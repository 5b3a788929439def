namespace DriftGuard.Sandbox.Protocol;

/// <summary>
/// The access key id, region and service a request was signed for, read (never verified) from the SigV4
/// <c>Authorization</c> header (<c>AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, …</c>), a
/// presigned <c>X-Amz-Credential</c> parameter, or a SigV2 <c>AWSAccessKeyId</c> parameter.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html.
/// </summary>
internal sealed record CallerCredential(string AccessKeyId, string? Region, string? Service)
{
    public static CallerCredential? From(string? authorizationHeader, QueryParameters parameters)
    {
        var scope = CredentialScope(authorizationHeader) ?? parameters.Get("X-Amz-Credential");
        if (scope is not null)
        {
            var parts = scope.Split('/');
            if (parts.Length >= 1 && parts[0].Length > 0)
                return new CallerCredential(parts[0], parts.Length > 2 ? parts[2] : null, parts.Length > 3 ? parts[3] : null);
        }
        return parameters.Get("AWSAccessKeyId") is { Length: > 0 } v2 ? new CallerCredential(v2, null, null) : null;
    }

    private static string? CredentialScope(string? header)
    {
        if (string.IsNullOrEmpty(header)) return null;
        const string marker = "Credential=";
        var at = header.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = header[(at + marker.Length)..];
        var end = rest.IndexOfAny([',', ' ']);
        return end < 0 ? rest : rest[..end];
    }
}
