using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace DriftGuard.Aws.Sts;

/// <summary>
/// STS clients as every DriftGuard command builds them: AWS's regional endpoint, or a given endpoint (the
/// sandbox, <c>AWS_ENDPOINT_URL_STS</c>) signed for the region; explicit credentials or the SDK's chain.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html</remarks>
public static class StsClients
{
    /// <summary>A client for <c>GetCallerIdentity</c> and <c>AssumeRole</c>; <paramref name="configure"/> adjusts retries or timeouts.</summary>
    public static AmazonSecurityTokenServiceClient Create(string? endpoint, string region, AWSCredentials? credentials,
                                                          Action<AmazonSecurityTokenServiceConfig>? configure = null)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        if (endpoint is null) config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        else
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        configure?.Invoke(config);
        return credentials is null ? new AmazonSecurityTokenServiceClient(config) : new AmazonSecurityTokenServiceClient(credentials, config);
    }
}
