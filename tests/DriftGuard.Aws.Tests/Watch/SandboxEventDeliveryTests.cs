using Amazon.EC2.Model;
using DriftGuard.Aws.Tests.Sandbox;
using DriftGuard.Core.Watch;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Watch;

/// <summary>The sandbox playing CloudTrail + EventBridge: what lands in the event queue after EC2 calls.</summary>
public sealed class SandboxEventDeliveryTests : SandboxTestBase
{
    protected override SandboxOptions Options => new()
    {
        EventQueueName = "events",
        Principals = new Dictionary<string, string> { [AccessKey] = "arn:aws:iam::123456789012:user/bob" },
    };

    [Fact]
    public async Task Authorize_WhenCalledByAnIamUser_ShouldDeliverAnEventNamingTheUserAndTheGroup()
    {
        // Given
        var group = await CreateGroupAsync("web");
        Server.EventQueue!.Purge();
        // When
        await AuthorizeAsync(group, Tcp(22, 22, "0.0.0.0/0"));
        // Then
        var e = CloudTrailEventParser.Parse(Server.EventQueue.Receive(10, TimeSpan.FromSeconds(30)).ShouldHaveSingleItem().Body).Event!;
        e.EventName.ShouldBe("AuthorizeSecurityGroupIngress");
        e.GroupIds.ShouldBe([group]);
        e.Actor.Person.ShouldBe("bob");
        e.Actor.IdentityType.ShouldBe("IAMUser");
        e.Source.ShouldBe("aws.ec2");
        e.ErrorCode.ShouldBeNull();
    }

    [Fact]
    public async Task CreateSecurityGroup_WhenCalled_ShouldDeliverTheNewGroupIdFromTheResponse()
    {
        // When
        var group = await CreateGroupAsync("fresh");
        // Then
        var e = CloudTrailEventParser.Parse(Server.EventQueue!.Receive(10, TimeSpan.FromSeconds(30)).ShouldHaveSingleItem().Body).Event!;
        e.EventName.ShouldBe("CreateSecurityGroup");
        e.GroupIds.ShouldBe([group]);
    }

    [Fact]
    public async Task Authorize_WhenTheCallFails_ShouldDeliverTheEventWithItsErrorCode()
    {
        // Given
        var group = await CreateGroupAsync("dup");
        await AuthorizeAsync(group, Tcp(443, 443, "10.0.0.0/8"));
        Server.EventQueue!.Purge();
        // When
        await Should.ThrowAsync<Amazon.EC2.AmazonEC2Exception>(() => AuthorizeAsync(group, Tcp(443, 443, "10.0.0.0/8")));
        // Then
        var e = CloudTrailEventParser.Parse(Server.EventQueue.Receive(10, TimeSpan.FromSeconds(30)).ShouldHaveSingleItem().Body).Event!;
        e.ErrorCode.ShouldBe("InvalidPermission.Duplicate");
    }

    [Fact]
    public async Task DescribeAndTagCalls_WhenMade_ShouldDeliverNothing()
    {
        // Given
        var group = await CreateGroupAsync("quiet");
        Server.EventQueue!.Purge();
        // When
        await Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [group] });
        await Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [group], Tags = [new Tag("team", "web")] });
        // Then
        Server.EventQueue.Count.ShouldBe(0);
    }
}
