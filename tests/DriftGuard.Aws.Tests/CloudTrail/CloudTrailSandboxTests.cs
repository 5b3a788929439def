using Amazon.EC2.Model;
using Amazon.Runtime;
using DriftGuard.Aws.CloudTrail;
using DriftGuard.Aws.Tests.Sandbox;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.CloudTrail;

/// <summary>The CloudTrail client and attribution against the sandbox's LookupEvents over the calls it recorded.</summary>
public sealed class CloudTrailSandboxTests : SandboxTestBase
{
    private const string ConsoleKey = "AKIACONSOLEALICE0001";
    private const string CheckerKey = "AKIADRIFTGUARDCHECK1";
    private const string DeniedKey = "AKIANOCLOUDTRAIL0001";
    private const string Alice = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0a1b2c3d/alice@example.com";

    protected override SandboxOptions Options => new()
    {
        Principals = new Dictionary<string, string> { [ConsoleKey] = Alice },
        RulesPerSecurityGroup = 200,
        DeniedActions = new Dictionary<string, IReadOnlySet<string>> { [DeniedKey] = new HashSet<string> { "cloudtrail:LookupEvents" } },
    };

    private CloudTrailClient Client(string key = CheckerKey, int retries = 3) => new(new CloudTrailClientOptions
    {
        Endpoint = Server.Endpoint.ToString(),
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials(key, "secret"),
        MaxRetries = retries,
    });

    private CloudTrailAttributor Attributor(string key = CheckerKey) =>
        new(_ => Client(key), RequestThrottle.LookupEvents(), "us-east-1");

    private static DriftItem Unmanaged(string group, int port) =>
        new(DriftKind.Unmanaged, group, new SgRule(group, Direction.Ingress, Protocols.Tcp, port, port, Cidr.Parse("0.0.0.0/0"))) { Region = "us-east-1", Account = "123456789012" };

    private async Task OpenSshAsAliceAsync(string group, int port = 22)
    {
        using var console = NewEc2Client(Server, ConsoleKey);
        await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = group, IpPermissions = [Tcp(port, port, "0.0.0.0/0")] });
    }

    [Fact]
    public async Task LookupEvents_WhenCalled_ShouldReachTheSandboxSignedWithSigV4ForCloudTrail()
    {
        // Given
        var group = await CreateGroupAsync("web");
        using var client = Client();
        // When
        await client.LookupEventsAsync(group, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), null, CancellationToken.None);
        // Then
        var request = Server.CloudTrail.Requests.ShouldHaveSingleItem();
        request.Target.ShouldBe(CloudTrailClient.LookupEventsTarget);
        request.Authorization.ShouldStartWith($"AWS4-HMAC-SHA256 Credential={CheckerKey}/");
        request.Authorization.ShouldContain("/us-east-1/cloudtrail/aws4_request");
        request.Authorization.ShouldContain("x-amz-target");
    }

    [Fact]
    public async Task LookupEvents_WhenMoreThanFiftyEventsNameTheGroup_ShouldPageWithNextToken()
    {
        // Given: 120 rule changes on one group
        var group = await CreateGroupAsync("busy");
        for (var port = 1000; port < 1120; port++) await AuthorizeAsync(group, Tcp(port, port, "10.0.0.0/8"));
        using var client = Client();
        var throttle = RequestThrottle.LookupEvents();
        // When
        var events = new List<CloudTrailEventSummary>();
        var pages = 0;
        string? token = null;
        do
        {
            await throttle.WaitAsync("sandbox", CancellationToken.None);
            var page = await client.LookupEventsAsync(group, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), token, CancellationToken.None);
            events.AddRange(page.Events);
            token = page.NextToken;
            pages++;
        } while (token is not null);
        // Then: CreateSecurityGroup + 120 authorizations, newest first, 50 a page
        pages.ShouldBe(3);
        events.Count.ShouldBe(121);
        events.Select(e => e.EventId).Distinct().Count().ShouldBe(121);
        events[^1].EventName.ShouldBe("CreateSecurityGroup");
        events.Select(e => e.EventTime).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task LookupEvents_WhenAThirdCallComesWithinASecond_ShouldBeThrottledBySandbox()
    {
        // Given
        var group = await CreateGroupAsync("web");
        using var client = Client(retries: 0);
        var now = DateTimeOffset.UtcNow;
        // When
        await client.LookupEventsAsync(group, now.AddHours(-1), now, null, CancellationToken.None);
        await client.LookupEventsAsync(group, now.AddHours(-1), now, null, CancellationToken.None);
        var third = await Should.ThrowAsync<CloudTrailException>(() => client.LookupEventsAsync(group, now.AddHours(-1), now, null, CancellationToken.None));
        // Then
        third.Code.ShouldBe("ThrottlingException");
    }

    [Fact]
    public async Task Attribute_WhenAnSsoUserOpenedSsh_ShouldNameThePersonTheRoleAndTheTime()
    {
        // Given
        var group = await CreateGroupAsync("app");
        await AuthorizeAsync(group, Tcp(443, 443, "0.0.0.0/0"));
        var before = DateTimeOffset.UtcNow;
        await OpenSshAsAliceAsync(group);
        var after = DateTimeOffset.UtcNow;
        // When
        var a = await Attributor().AttributeAsync(Unmanaged(group, 22), DateTimeOffset.UtcNow, CancellationToken.None);
        // Then
        a.Known.ShouldBeTrue(a.UnknownReason);
        a.Actor.ShouldBe("alice@example.com");
        a.Role.ShouldBe("AWSReservedSSO_AdministratorAccess_0a1b2c3d");
        a.IdentityType.ShouldBe("AssumedRole");
        a.PrincipalArn.ShouldBe(Alice);
        a.AccessKeyId.ShouldBe(ConsoleKey);
        a.SourceIp.ShouldBe("127.0.0.1");
        a.EventName.ShouldBe("AuthorizeSecurityGroupIngress");
        a.OccurredAt!.Value.ShouldBeInRange(before.AddMilliseconds(-1), after.AddMilliseconds(1));
        a.Match!.ShouldContain("naming 0.0.0.0/0 port 22");
    }

    [Fact]
    public async Task Attribute_WhenLookupEventsIsDenied_ShouldBeUnknownNamingThePermission()
    {
        // Given
        var group = await CreateGroupAsync("app");
        await OpenSshAsAliceAsync(group);
        // When
        var a = await Attributor(DeniedKey).AttributeAsync(Unmanaged(group, 22), DateTimeOffset.UtcNow, CancellationToken.None);
        // Then
        a.Known.ShouldBeFalse();
        a.UnknownReason.ShouldStartWith("CloudTrail LookupEvents was denied (the checking identity lacks cloudtrail:LookupEvents)");
    }

    [Fact]
    public async Task Attribute_WhenNoEventNamesTheGroup_ShouldBeUnknownAndExplainTheWindow()
    {
        // Given: a group id no call ever touched
        // When
        var a = await Attributor().AttributeAsync(Unmanaged("sg-0nothinghere", 22), DateTimeOffset.UtcNow, CancellationToken.None);
        // Then
        a.Known.ShouldBeFalse();
        a.UnknownReason!.ShouldContain("no CloudTrail event names sg-0nothinghere");
        a.UnknownReason!.ShouldContain("last 90 days");
    }

    [Fact]
    public async Task Attribute_WhenTheChangeFailed_ShouldNotBlameTheCaller()
    {
        // Given: alice's call is a DryRun (recorded, but an error), then nothing else opens port 22
        var group = await CreateGroupAsync("app");
        using (var console = NewEc2Client(Server, ConsoleKey))
            await Should.ThrowAsync<Amazon.EC2.AmazonEC2Exception>(() => console.AuthorizeSecurityGroupIngressAsync(
                new AuthorizeSecurityGroupIngressRequest { GroupId = group, IpPermissions = [Tcp(22, 22, "0.0.0.0/0")], DryRun = true }));
        // When
        var a = await Attributor().AttributeAsync(Unmanaged(group, 22), DateTimeOffset.UtcNow, CancellationToken.None);
        // Then
        a.Known.ShouldBeFalse();
        a.UnknownReason!.ShouldContain("none is a successful");
    }
}
