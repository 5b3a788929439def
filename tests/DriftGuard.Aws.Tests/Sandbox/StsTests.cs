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

    [Fact]
    public async Task AssumeRole_WhenSessionCredentialsUsed_ShouldAttributeLaterCallsToTheAssumedRole()
    {
        // Given
        using var sts = Sts("AKIAANYTHING00000001");
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/DriftGuardRemediator",
            RoleSessionName = "remediate-7",
        });
        var credentials = assumed.Credentials;
        using var ec2 = new Amazon.EC2.AmazonEC2Client(
            new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            new Amazon.EC2.AmazonEC2Config { ServiceURL = Server.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });

        // When
        await ec2.CreateSecurityGroupAsync(new Amazon.EC2.Model.CreateSecurityGroupRequest { GroupName = "by-role", Description = "by role" });

        // Then
        credentials.AccessKeyId.ShouldStartWith("ASIA");
        assumed.AssumedRoleUser.Arn.ShouldBe("arn:aws:sts::123456789012:assumed-role/DriftGuardRemediator/remediate-7");
        var call = Server.State.Calls.Last();
        call.Action.ShouldBe("CreateSecurityGroup");
        call.PrincipalArn.ShouldBe("arn:aws:sts::123456789012:assumed-role/DriftGuardRemediator/remediate-7");
        call.AccessKeyId.ShouldBe(credentials.AccessKeyId);
    }

    [Fact]
    public async Task AssumeRole_WhenArnIsNotARole_ShouldFailWithValidationError()
    {
        // Given
        using var sts = Sts("AKIAANYTHING00000001");

        // When
        var error = await Should.ThrowAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:user/not-a-role", RoleSessionName = "s1" }));

        // Then
        error.ErrorCode.ShouldBe("ValidationError");
    }
}
