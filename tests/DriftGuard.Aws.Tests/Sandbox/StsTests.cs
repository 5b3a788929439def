using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class StsTests : SandboxTestBase
{
    protected override SandboxOptions Options => new()
    {
        Principals = new Dictionary<string, string>
        {
            ["AKIADRIFTGUARDCI0001"] = "arn:aws:sts::123456789012:assumed-role/DriftGuardRemediator/ci-run-42",
        },
    };

    private AmazonSecurityTokenServiceClient Sts(string accessKey) =>
        new(new BasicAWSCredentials(accessKey, "secret"), new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = Server.Endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
        });

    [Fact]
    public async Task GetCallerIdentity_WhenKeyUnmapped_ShouldReturnDefaultSandboxUser()
    {
        // Given
        using var sts = Sts("AKIAANYTHING00000001");

        // When
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        // Then
        identity.Arn.ShouldBe("arn:aws:iam::123456789012:user/sandbox");
        identity.Account.ShouldBe("123456789012");
        identity.UserId.ShouldStartWith("AIDA");
    }

    [Fact]
    public async Task GetCallerIdentity_WhenKeyMappedToAssumedRole_ShouldReturnThatPrincipal()
    {
        // Given
        using var sts = Sts("AKIADRIFTGUARDCI0001");

        // When
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        // Then
        identity.Arn.ShouldBe("arn:aws:sts::123456789012:assumed-role/DriftGuardRemediator/ci-run-42");
        identity.UserId.ShouldStartWith("AROA");
        identity.UserId.ShouldEndWith(":ci-run-42");
    }
}
