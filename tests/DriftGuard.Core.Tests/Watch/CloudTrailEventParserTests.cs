using CsCheck;
using DriftGuard.Core.Watch;

namespace DriftGuard.Core.Tests.Watch;

public sealed class CloudTrailEventParserTests
{
    private static string Event(string userIdentity, string eventName = "AuthorizeSecurityGroupIngress",
                                string requestParameters = """{"groupId":"sg-0123456789abcdef0","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"groups":{"items":[{"groupId":"sg-0peer0000000000000"}]},"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}}]}}""",
                                string extra = "") => $$$"""
        {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AWS API Call via CloudTrail","source":"aws.ec2",
         "account":"123456789012","time":"2026-03-02T10:15:30Z","region":"us-east-1","resources":[],
         "detail":{"eventVersion":"1.09","userIdentity":{{{userIdentity}}},"eventTime":"2026-03-02T10:15:29Z",
           "eventSource":"ec2.amazonaws.com","eventName":"{{{eventName}}}","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7",
           "userAgent":"AWS Internal","requestParameters":{{{requestParameters}}},"responseElements":{"requestId":"r-1","_return":true},
           "requestID":"r-1","eventID":"e-1","readOnly":false,"eventType":"AwsApiCall","recipientAccountId":"123456789012"{{{extra}}}}}
        """;

    [Fact]
    public void Parse_WhenIamUserMadeTheCall_ShouldNameTheUser()
    {
        // Given
        var body = Event("""{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/bob","accountId":"123456789012","accessKeyId":"AKIAEXAMPLE","userName":"bob"}""");
        // When
        var e = CloudTrailEventParser.Parse(body).Event!;
        // Then
        e.Actor.Person.ShouldBe("bob");
        e.Actor.Basis.ShouldBe("user-name");
        e.Actor.Role.ShouldBeNull();
    }

    [Fact]
    public void Parse_WhenAssumedRoleSession_ShouldNameTheSessionNotTheRole()
    {
        // Given
        var body = Event("""{"type":"AssumedRole","principalId":"AROAEXAMPLE:deploy-bot","arn":"arn:aws:sts::123456789012:assumed-role/Deployer/deploy-bot","accountId":"123456789012","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::123456789012:role/Deployer","accountId":"123456789012","userName":"Deployer"}}}""");
        // When
        var actor = CloudTrailEventParser.Parse(body).Event!.Actor;
        // Then
        actor.Person.ShouldBe("deploy-bot");
        actor.Role.ShouldBe("Deployer");
        actor.Basis.ShouldBe("session-name");
    }

    [Fact]
    public void Parse_WhenSsoSession_ShouldNameThePersonFromTheSessionName()
    {
        // Given an IAM Identity Center session: the role is AWSReservedSSO_…, the session name is the person
        var body = Event("""{"type":"AssumedRole","principalId":"AROAEXAMPLE:alice@example.com","arn":"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0a1b2c3d/alice@example.com","accountId":"123456789012","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0a1b2c3d","userName":"AWSReservedSSO_AdministratorAccess_0a1b2c3d"}}}""");
        // When
        var actor = CloudTrailEventParser.Parse(body).Event!.Actor;
        // Then
        actor.Person.ShouldBe("alice@example.com");
        actor.Role.ShouldBe("AWSReservedSSO_AdministratorAccess_0a1b2c3d");
    }

    [Fact]
    public void Parse_WhenAssumedRoleArnHasNoSessionButSourceIdentity_ShouldUseTheSourceIdentity()
    {
        // Given
        var body = Event("""{"type":"AssumedRole","principalId":"AROAEXAMPLE","arn":"arn:aws:sts::123456789012:assumed-role/Deployer","sessionContext":{"sourceIdentity":"carol","sessionIssuer":{"type":"Role","userName":"Deployer"}}}""");
        // When
        var actor = CloudTrailEventParser.Parse(body).Event!.Actor;
        // Then
        actor.Person.ShouldBe("carol");
        actor.Basis.ShouldBe("source-identity");
    }

    [Fact]
    public void Parse_WhenOnlyOnBehalfOfNamesTheUser_ShouldUseItsUserId()
    {
        // Given an Identity Center user identity with no ARN
        var body = Event("""{"type":"IdentityCenterUser","accountId":"123456789012","onBehalfOf":{"userId":"94482488-3041-7026-18f3-be45837cd0e4","identityStoreArn":"arn:aws:identitystore::123456789012:identitystore/d-9067230c4a"},"credentialId":"c-1"}""");
        // When
        var actor = CloudTrailEventParser.Parse(body).Event!.Actor;
        // Then
        actor.Person.ShouldBe("94482488-3041-7026-18f3-be45837cd0e4");
        actor.Basis.ShouldBe("on-behalf-of");
    }

    [Fact]
    public void Parse_WhenRootMadeTheCall_ShouldNameRoot()
    {
        // When
        var actor = CloudTrailEventParser.Parse(Event("""{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root"}""")).Event!.Actor;
        // Then
        actor.Person.ShouldBe("root");
    }

    [Fact]
    public void Parse_WhenIpPermissionsReferenceAPeerGroup_ShouldReportOnlyTheChangedGroup()
    {
        // When
        var e = CloudTrailEventParser.Parse(Event("""{"type":"IAMUser","userName":"bob"}""")).Event!;
        // Then
        e.GroupIds.ShouldBe(["sg-0123456789abcdef0"]);
        e.EventName.ShouldBe("AuthorizeSecurityGroupIngress");
        e.EventId.ShouldBe("e-1");
        e.EventTime.ShouldBe(new DateTimeOffset(2026, 3, 2, 10, 15, 29, TimeSpan.Zero));
        e.SourceIp.ShouldBe("203.0.113.7");
    }

    [Fact]
    public void Parse_WhenModifySecurityGroupRules_ShouldReadTheGroupFromTheRequestWrapper()
    {
        // When
        var e = CloudTrailEventParser.Parse(Event("""{"type":"IAMUser","userName":"bob"}""", "ModifySecurityGroupRules",
            """{"ModifySecurityGroupRulesRequest":{"GroupId":"sg-0aaa","SecurityGroupRule":{"SecurityGroupRuleId":"sgr-1"}}}""")).Event!;
        // Then
        e.GroupIds.ShouldBe(["sg-0aaa"]);
    }

    [Fact]
    public void Parse_WhenTheCallFailed_ShouldCarryTheErrorCode()
    {
        // When
        var e = CloudTrailEventParser.Parse(Event("""{"type":"IAMUser","userName":"bob"}""", extra: ""","errorCode":"Client.UnauthorizedOperation" """)).Event!;
        // Then
        e.ErrorCode.ShouldBe("Client.UnauthorizedOperation");
    }

    [Fact]
    public void Parse_WhenWrappedInAnSnsNotification_ShouldReadTheInnerEvent()
    {
        // Given
        var inner = Event("""{"type":"IAMUser","userName":"bob"}""");
        var sns = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["Type"] = "Notification", ["Message"] = inner });
        // When / Then
        CloudTrailEventParser.Parse(sns).Event!.Actor.Person.ShouldBe("bob");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json {", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"hello\":1}", "no 'detail'")]
    [InlineData("{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventID\":\"x\"}}", "no eventName")]
    [InlineData("{\"detail\":{\"eventName\":\"AuthorizeSecurityGroupIngress\",\"eventID\":\"x\",\"eventTime\":\"yesterday\"}}", "not a date")]
    [InlineData("{\"detail-type\":\"EC2 Instance State-change Notification\",\"detail\":{}}", "not a CloudTrail API call")]
    public void Parse_WhenMalformed_ShouldReturnAOneLineErrorInsteadOfThrowing(string body, string expected)
    {
        // When
        var parsed = CloudTrailEventParser.Parse(body);
        // Then
        parsed.Ok.ShouldBeFalse();
        parsed.Error!.ShouldContain(expected);
        parsed.Error!.ShouldNotContain("\n");
    }

    [Fact]
    public void Parse_WhenGivenArbitraryText_ShouldNeverThrow()
    {
        // Property: any string gives an event or an error, never an exception
        Gen.String.Sample(s =>
        {
            var parsed = CloudTrailEventParser.Parse(s);
            return parsed.Ok || parsed.Error is { Length: > 0 };
        });
    }
}
