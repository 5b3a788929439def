using DriftGuard.Aws.CloudTrail;

namespace DriftGuard.Aws.Tests.CloudTrail;

public sealed class CloudTrailActorTests
{
    private static string Event(string userIdentity, string userAgent = "aws-cli/2.15.0 Python/3.11") =>
        $$"""{"eventVersion":"1.09","userIdentity":{{userIdentity}},"eventTime":"2026-06-01T12:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress","sourceIPAddress":"203.0.113.7","userAgent":"{{userAgent}}","eventID":"e-1"}""";

    [Fact]
    public void FromEvent_WhenAnIamUserMadeTheCall_ShouldNameTheUser()
    {
        // Given
        var json = Event("""{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/bob","accountId":"123456789012","accessKeyId":"AKIAEXAMPLE","userName":"bob"}""");
        // When
        var a = CloudTrailActor.FromEvent(json);
        // Then
        (a.Actor, a.IdentityType, a.Role, a.Via, a.SourceIp).ShouldBe(("bob", "IAMUser", (string?)null, "AWS CLI", "203.0.113.7"));
        a.OccurredAt.ShouldBe(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void FromEvent_WhenAnAssumedRoleSessionMadeTheCall_ShouldNameTheSessionNotTheRole()
    {
        // Given
        var json = Event("""{"type":"AssumedRole","principalId":"AROAEXAMPLE:deploy-bot","arn":"arn:aws:sts::123456789012:assumed-role/Deployer/deploy-bot","accountId":"123456789012","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::123456789012:role/Deployer","userName":"Deployer"}}}""");
        // When
        var a = CloudTrailActor.FromEvent(json);
        // Then
        a.Actor.ShouldBe("deploy-bot");
        a.Role.ShouldBe("Deployer");
        a.ActorSource.ShouldBe("session name of assumed-role/Deployer");
    }

    [Fact]
    public void FromEvent_WhenAnSsoUserActedInTheConsole_ShouldNameThePerson()
    {
        // Given
        var json = Event("""{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0a1b2c3d/alice@example.com","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0a1b2c3d","userName":"AWSReservedSSO_AdministratorAccess_0a1b2c3d"}}}""",
            userAgent: "console.ec2.amazonaws.com");
        // When
        var a = CloudTrailActor.FromEvent(json);
        // Then
        (a.Actor, a.Role, a.Via).ShouldBe(("alice@example.com", "AWSReservedSSO_AdministratorAccess_0a1b2c3d", "console"));
    }

    [Fact]
    public void FromEvent_WhenOnlySourceIdentityNamesThePerson_ShouldUseIt()
    {
        // Given: a federated session whose ARN carries no role session
        var json = Event("""{"type":"FederatedUser","arn":"arn:aws:sts::123456789012:federated-user/ci","sessionContext":{"sourceIdentity":"carol@example.com","sessionIssuer":{"type":"IAMUser","userName":"ci"}}}""");
        // When
        var a = CloudTrailActor.FromEvent(json);
        // Then
        (a.Actor, a.ActorSource).ShouldBe(("carol@example.com", "sourceIdentity"));
    }

    [Fact]
    public void FromEvent_WhenAnIdentityCenterUserActsOnBehalfOf_ShouldUseTheOnBehalfOfUser()
    {
        // Given
        var json = Event("""{"type":"IdentityCenterUser","accountId":"123456789012","onBehalfOf":{"userId":"906744a8-alice","identityStoreArn":"arn:aws:identitystore::123456789012:identitystore/d-1234567890"},"credentialId":"c-1"}""");
        // When
        var a = CloudTrailActor.FromEvent(json);
        // Then
        (a.Actor, a.ActorSource, a.IdentityType).ShouldBe(("906744a8-alice", "onBehalfOf.userId", "IdentityCenterUser"));
    }

    [Theory]
    [InlineData("console.ec2.amazonaws.com", "console")]
    [InlineData("AWS Internal", "console")]
    [InlineData("aws-cli/2.15.0 md/awscrt#0.19.19 ua/2.0 os/linux", "AWS CLI")]
    [InlineData("APN/1.0 HashiCorp/1.0 Terraform/1.8.5 terraform-provider-aws/5.50.0", "Terraform")]
    [InlineData("cloudformation.amazonaws.com", "CloudFormation")]
    [InlineData("aws-sdk-dotnet-coreclr/4.0.0 ua/2.1", "SDK")]
    public void ClientKind_WhenGivenAUserAgent_ShouldNameTheClient(string userAgent, string expected)
    {
        CloudTrailActor.ClientKind(userAgent).ShouldBe(expected);
    }
}
