using Amazon.EC2;
using Amazon.EC2.Model;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Sandbox;

/// <summary>Starts one sandbox per test and hands out real SDK clients pointed at it.</summary>
public abstract class SandboxTestBase : IAsyncLifetime
{
    protected const string AccessKey = "AKIASANDBOXTEST00001";

    protected SandboxServer Server { get; private set; } = null!;

    protected AmazonEC2Client Ec2 { get; private set; } = null!;

    protected virtual SandboxOptions Options => new();

    public async Task InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(Options, CancellationToken.None);
        Ec2 = NewEc2Client(Server);
    }

    public async Task DisposeAsync()
    {
        Ec2.Dispose();
        await Server.DisposeAsync();
    }

    protected static AmazonEC2Client NewEc2Client(SandboxServer server, string accessKey = AccessKey, int maxErrorRetry = 3) =>
        SandboxClients.Ec2(server, accessKey, maxErrorRetry);

    protected async Task<string> CreateGroupAsync(string name, string? vpcId = null)
    {
        var response = await Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = name,
            Description = $"{name} group",
            VpcId = vpcId,
        });
        return response.GroupId;
    }

    protected async Task<List<SecurityGroupRule>> RulesOfAsync(string groupId)
    {
        var response = await Ec2.DescribeSecurityGroupRulesAsync(new DescribeSecurityGroupRulesRequest
        {
            Filters = [new Filter("group-id", [groupId])],
        });
        return response.SecurityGroupRules ?? [];
    }

    protected async Task<SecurityGroup> DescribeGroupAsync(string groupId)
    {
        var response = await Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [groupId] });
        return response.SecurityGroups.ShouldHaveSingleItem();
    }

    protected static IpPermission Tcp(int from, int to, params string[] cidrs) => new()
    {
        IpProtocol = "tcp",
        FromPort = from,
        ToPort = to,
        Ipv4Ranges = [.. cidrs.Select(c => new IpRange { CidrIp = c })],
    };

    protected async Task<AuthorizeSecurityGroupIngressResponse> AuthorizeAsync(string groupId, params IpPermission[] permissions) =>
        await Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [.. permissions],
        });
}
