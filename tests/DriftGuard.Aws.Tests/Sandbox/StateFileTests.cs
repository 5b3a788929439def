using Amazon.EC2.Model;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class StateFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"driftguard-sandbox-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task StateFile_WhenSecondServerStarts_ShouldSeeGroupsRulesTagsAndCallsOfTheFirst()
    {
        // Given
        string groupId;
        string ruleId;
        await using (var first = await SandboxServer.StartAsync(new SandboxOptions { StateFile = _path }, CancellationToken.None))
        {
            using var ec2 = SandboxClients.Ec2(first);
            groupId = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = "persisted",
                Description = "survives restarts",
                TagSpecifications = [new TagSpecification { ResourceType = "security-group", Tags = [new Tag("env", "prod")] }],
            })).GroupId;
            ruleId = (await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = groupId,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0", Description = "ssh" }] }],
            })).SecurityGroupRules[0].SecurityGroupRuleId;
        }

        // When
        await using var second = await SandboxServer.StartAsync(new SandboxOptions { StateFile = _path }, CancellationToken.None);
        using var client = SandboxClients.Ec2(second);
        var group = (await client.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [groupId] })).SecurityGroups.Single();
        var rules = (await client.DescribeSecurityGroupRulesAsync(new DescribeSecurityGroupRulesRequest { SecurityGroupRuleIds = [ruleId] })).SecurityGroupRules;

        // Then
        group.Tags.ShouldHaveSingleItem().Value.ShouldBe("prod");
        rules.ShouldHaveSingleItem().Description.ShouldBe("ssh");
        second.State.Calls.Select(c => c.Action).ShouldBe(["CreateSecurityGroup", "AuthorizeSecurityGroupIngress"]);
        second.State.Vpcs.Count(v => v.IsDefault).ShouldBe(1);
    }

    [Fact]
    public async Task StartAsync_WhenStateFileIsNotSandboxJson_ShouldFailWithInvalidDataException()
    {
        // Given
        await File.WriteAllTextAsync(_path, "{ not json");

        // When
        var error = await Should.ThrowAsync<InvalidDataException>(() => SandboxServer.StartAsync(new SandboxOptions { StateFile = _path }, CancellationToken.None));

        // Then
        error.Message.ShouldContain(_path);
    }
}
