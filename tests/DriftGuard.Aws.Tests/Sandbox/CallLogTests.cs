using Amazon.EC2;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class CallLogTests : SandboxTestBase
{
    protected override SandboxOptions Options => new()
    {
        Principals = new Dictionary<string, string> { [AccessKey] = "arn:aws:iam::123456789012:user/alice" },
    };

    [Fact]
    public async Task Calls_WhenRuleAuthorized_ShouldRecordWhoDidWhatWithWhichParameters()
    {
        // Given
        var groupId = await CreateGroupAsync("audited");

        // When
        await AuthorizeAsync(groupId, Tcp(22, 22, "0.0.0.0/0"));

        // Then
        var call = Server.State.Calls.Last();
        call.Action.ShouldBe("AuthorizeSecurityGroupIngress");
        call.PrincipalArn.ShouldBe("arn:aws:iam::123456789012:user/alice");
        call.AccessKeyId.ShouldBe(AccessKey);
        call.SourceIp.ShouldBe("127.0.0.1");
        call.UserAgent.ShouldContain("aws-sdk-dotnet");
        call.Parameters["GroupId"].ShouldBe(groupId);
        call.Parameters["IpPermissions.1.IpRanges.1.CidrIp"].ShouldBe("0.0.0.0/0");
        call.Succeeded.ShouldBeTrue();
        call.TimeUtc.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Calls_WhenMutationFails_ShouldRecordTheErrorCode()
    {
        // When
        await Should.ThrowAsync<AmazonEC2Exception>(() => CreateGroupAsync("default"));

        // Then
        var call = Server.State.Calls.ShouldHaveSingleItem();
        call.ErrorCode.ShouldBe("InvalidGroup.Reserved");
        call.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task Calls_WhenOnlyDescribing_ShouldRecordNothing()
    {
        // When
        await Ec2.DescribeSecurityGroupsAsync(new Amazon.EC2.Model.DescribeSecurityGroupsRequest());

        // Then
        Server.State.Calls.ShouldBeEmpty();
    }
}
