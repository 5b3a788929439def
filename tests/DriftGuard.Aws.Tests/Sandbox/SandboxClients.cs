using Amazon.EC2;
using Amazon.Runtime;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Sandbox;

/// <summary>Real SDK clients pointed at a sandbox, for tests that manage their own servers.</summary>
internal static class SandboxClients
{
    public static AmazonEC2Client Ec2(SandboxServer server, string accessKey = "AKIASANDBOXTEST00001", int maxErrorRetry = 3) =>
        new(new BasicAWSCredentials(accessKey, "sandbox-secret"), new AmazonEC2Config
        {
            ServiceURL = server.Endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = maxErrorRetry,
        });
}
