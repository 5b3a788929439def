using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace DriftGuard.Aws.CloudTrail;

/// <summary>
/// The client configuration AWSSDK.Core's SigV4 signer needs to sign CloudTrail requests: service
/// <c>cloudtrail</c>, the signing region and the endpoint. No CloudTrail SDK package is available, so this stands in
/// for <c>AmazonCloudTrailConfig</c>.
/// </summary>
internal sealed class CloudTrailSigningConfig : ClientConfig
{
    public CloudTrailSigningConfig(string region, string serviceUrl)
        : base(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard }]))
    {
        AuthenticationRegion = region;
        AuthenticationServiceName = "cloudtrail";
        ServiceURL = serviceUrl;
    }

    public override string RegionEndpointServiceName => "cloudtrail";
    public override string ServiceVersion => "2013-11-01";
    public override string UserAgent => "driftguard";
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => new(ServiceURL);
}
