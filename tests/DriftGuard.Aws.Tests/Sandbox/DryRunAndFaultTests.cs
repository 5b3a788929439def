using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class DryRunAndFaultTests : SandboxTestBase
{
    [Fact]
    public async Task AuthorizeIngress_WhenDryRun_ShouldFailWithDryRunOperation412AndApplyNothing()
    {
        // Given
        var groupId = await CreateGroupAsync("dry");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.AuthorizeSecurityGroupIngressAsync(
            new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = [Tcp(22, 22, "0.0.0.0/0")], DryRun = true }));

        // Then
        error.ErrorCode.ShouldBe("DryRunOperation");
        error.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        error.Message.ShouldBe("Request would have succeeded, but DryRun flag is set.");
        Server.State.RulesOf(groupId).Count(r => !r.IsEgress).ShouldBe(0);
    }

    [Fact]
    public async Task CreateSecurityGroup_WhenDryRun_ShouldCreateNothing()
    {
        // Given
        var before = Server.State.Groups.Count;

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.CreateSecurityGroupAsync(
            new CreateSecurityGroupRequest { GroupName = "never", Description = "never", DryRun = true }));

        // Then
        error.ErrorCode.ShouldBe("DryRunOperation");
        Server.State.Groups.Count.ShouldBe(before);
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenEverySecondRequestThrottled_ShouldSucceedThroughSdkRetry()
    {
        // Given: request #1 passes, #2 is throttled, the SDK's standard retry sends #3
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { ThrottleEveryNth = 2 }, CancellationToken.None);
        using var ec2 = NewEc2Client(server);
        await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());

        // When
        var response = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest());

        // Then
        response.SecurityGroups.ShouldHaveSingleItem().GroupName.ShouldBe("default");
        server.State.RequestCount("DescribeSecurityGroups").ShouldBe(2);
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenThrottledAndRetriesDisabled_ShouldSurfaceRequestLimitExceeded503()
    {
        // Given
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { ThrottleEveryNth = 1 }, CancellationToken.None);
        using var ec2 = NewEc2Client(server, maxErrorRetry: 0);

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest()));

        // Then
        error.ErrorCode.ShouldBe("RequestLimitExceeded");
        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenFailureInjected_ShouldSurfaceInternalError500()
    {
        // Given
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { FailEveryNth = 1 }, CancellationToken.None);
        using var ec2 = NewEc2Client(server, maxErrorRetry: 0);

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest()));

        // Then
        error.ErrorCode.ShouldBe("InternalError");
        error.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenAccessKeyDeniedTheAction_ShouldFailWithUnauthorizedOperation403()
    {
        // Given
        await using var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            DeniedActions = new Dictionary<string, IReadOnlySet<string>> { ["AKIAREADONLY00000001"] = new HashSet<string> { "ec2:AuthorizeSecurityGroupIngress" } },
        }, CancellationToken.None);
        using var ec2 = NewEc2Client(server, accessKey: "AKIAREADONLY00000001");
        var groupId = server.State.SeedGroup("locked");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => ec2.AuthorizeSecurityGroupIngressAsync(
            new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = [Tcp(22, 22, "0.0.0.0/0")], DryRun = true }));

        // Then
        error.ErrorCode.ShouldBe("UnauthorizedOperation");
        error.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Latency_WhenConfigured_ShouldDelayEveryResponse()
    {
        // Given
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Latency = TimeSpan.FromMilliseconds(300) }, CancellationToken.None);
        using var ec2 = NewEc2Client(server);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // When
        await ec2.DescribeRegionsAsync(new DescribeRegionsRequest());

        // Then
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
    }
}
