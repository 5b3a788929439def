using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace DriftGuard.Cli.Tests.Sandbox;

/// <summary><c>driftguard sandbox --event-queue NAME</c>: the queue <c>watch --queue-url</c> reads CloudTrail events from.</summary>
public sealed class SandboxEventQueueTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-queue-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SandboxEventQueue_WhenAConsoleChangeIsMade_ShouldDeliverItsEventToWatchQueueUrl()
    {
        // Given a seeded sandbox with an event queue, and someone opening SSH to the world
        var port = StandaloneSandbox.FreePort();
        var endpoint = $"http://127.0.0.1:{port}";
        var state = Path.Combine(_dir, "example.tfstate");
        using var stop = new CancellationTokenSource();
        var sandbox = CliRunner.Start(stop.Token, "sandbox", "--port", port.ToString(), "--seed-example", state, "--event-queue", "driftguard-events");
        await StandaloneSandbox.WaitForAsync(() => File.Exists(state) || sandbox.IsCompleted);
        if (sandbox.IsCompleted) (await sandbox).Error.ShouldBeEmpty("the sandbox stopped before seeding");
        using (var ec2 = new AmazonEC2Client(new BasicAWSCredentials("test", "test"), new AmazonEC2Config { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" }))
        {
            var app = (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest())).SecurityGroups.Single(g => g.GroupName == "shop-app").GroupId;
            await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = app,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            });
        }
        var log = Path.Combine(_dir, "watch.log");

        // When watch reads the queue the sandbox printed (the URL AWS would give: endpoint/account/name)
        var queueUrl = $"{endpoint}/123456789012/driftguard-events";
        var watch = StandaloneSandbox.RunWithSandboxCredentials("watch", "--iac", state, "--endpoint-url", endpoint, "--queue-url", queueUrl,
            "--remediate", "noncompliant", "--once", "--log", log);
        await stop.CancelAsync();
        var stopped = await sandbox;

        // Then the console change arrived as an event (and the seeding's own calls did not)
        watch.ExitCode.ShouldBe(0, watch.Error);
        var events = File.ReadAllLines(log).Where(l => l.Contains("\"trigger\":\"event\"", StringComparison.Ordinal)).ToList();
        events.ShouldNotBeEmpty();
        events[0].ShouldContain("\"eventName\":\"AuthorizeSecurityGroupIngress\"");
        events.ShouldNotContain(l => l.Contains("\"eventName\":\"CreateSecurityGroup\"", StringComparison.Ordinal));
        stopped.Out.ShouldContain($"driftguard watch --queue-url {queueUrl}");
    }

    [Fact]
    public void SandboxEventQueue_WhenTheNameIsNotAnSqsQueueName_ShouldExitTwoAndSaySo()
    {
        // When
        var result = CliRunner.Run("sandbox", "--port", "0", "--event-queue", "no spaces/allowed");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--event-queue no spaces/allowed: an SQS queue name is 1 to 80 letters, digits, hyphens or underscores");
    }
}
