using Amazon.EC2;
using Amazon.EC2.Model;
using DriftGuard.Sandbox.Model;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class DescribeTests : SandboxTestBase
{
    [Fact]
    public async Task DescribeSecurityGroups_WhenSourcesShareProtocolAndPorts_ShouldGroupThemInOnePermission()
    {
        // Given
        var groupId = await CreateGroupAsync("grouped");
        await AuthorizeAsync(groupId, Tcp(443, 443, "10.0.0.0/8"), Tcp(22, 22, "10.0.0.0/8"));
        await AuthorizeAsync(groupId, Tcp(443, 443, "192.168.0.0/16"));

        // When
        var group = await DescribeGroupAsync(groupId);

        // Then
        group.IpPermissions.Count.ShouldBe(2);
        group.IpPermissions.Single(p => p.FromPort == 443).Ipv4Ranges.Select(r => r.CidrIp)
            .ShouldBe(["10.0.0.0/8", "192.168.0.0/16"]);
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenUnknownGroupId_ShouldFailWithInvalidGroupNotFound()
    {
        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => DescribeGroupAsync("sg-0aaaaaaaaaaaaaaaa"));

        // Then
        error.ErrorCode.ShouldBe("InvalidGroup.NotFound");
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenTagFilterGiven_ShouldReturnOnlyMatchingGroups()
    {
        // Given
        Server.State.SeedGroup("tagged", tags: [new SandboxTag("env", "prod")]);
        Server.State.SeedGroup("untagged");

        // When
        var response = await Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("tag:env", ["pr*"])],
        });

        // Then
        response.SecurityGroups.ShouldHaveSingleItem().GroupName.ShouldBe("tagged");
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenIpPermissionCidrFilterGiven_ShouldReturnGroupsOpenToIt()
    {
        // Given
        var open = Server.State.SeedGroup("open");
        Server.State.SeedRule(open, SandboxRuleSpec.IngressTcp(22, 22, "0.0.0.0/0"));
        Server.State.SeedGroup("closed");

        // When
        var response = await Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("ip-permission.cidr", ["0.0.0.0/0"])],
        });

        // Then
        response.SecurityGroups.ShouldHaveSingleItem().GroupId.ShouldBe(open);
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenFilterNameUnknown_ShouldFailWithInvalidParameterValue()
    {
        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.DescribeSecurityGroupsAsync(
            new DescribeSecurityGroupsRequest { Filters = [new Filter("colour", ["red"])] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1001)]
    public async Task DescribeSecurityGroups_WhenMaxResultsOutOfRange_ShouldFailWithInvalidParameterValue(int maxResults)
    {
        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.DescribeSecurityGroupsAsync(
            new DescribeSecurityGroupsRequest { MaxResults = maxResults }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenPagedByFive_ShouldReturnEveryGroupOnce()
    {
        // Given: the default group plus 11 more
        for (var i = 0; i < 11; i++) Server.State.SeedGroup($"g{i}");

        // When
        var ids = new List<string>();
        await foreach (var group in Ec2.Paginators.DescribeSecurityGroups(new DescribeSecurityGroupsRequest { MaxResults = 5 }).SecurityGroups)
            ids.Add(group.GroupId);

        // Then
        ids.Count.ShouldBe(12);
        ids.Distinct().Count().ShouldBe(12);
        Server.State.RequestCount("DescribeSecurityGroups").ShouldBe(3);
    }

    [Fact]
    public async Task DescribeSecurityGroupRules_When2500RulesPagedBy1000_ShouldTakeThreePagesAndReturnEveryRule()
    {
        // Given: 2,500 ingress rules spread over 50 groups (plus their default egress rules)
        var seeded = new List<string>();
        for (var g = 0; g < 50; g++)
        {
            var groupId = Server.State.SeedGroup($"bulk-{g}", withDefaultEgress: false);
            seeded.AddRange(Server.State.SeedRules(groupId,
                Enumerable.Range(0, 50).Select(i => SandboxRuleSpec.IngressTcp(1000 + i, 1000 + i, $"10.{g}.{i}.0/24"))));
        }
        var total = Server.State.Rules.Count;

        // When
        var ids = new List<string>();
        await foreach (var rule in Ec2.Paginators.DescribeSecurityGroupRules(new DescribeSecurityGroupRulesRequest { MaxResults = 1000 }).SecurityGroupRules)
            ids.Add(rule.SecurityGroupRuleId);

        // Then
        seeded.Count.ShouldBe(2500);
        ids.Count.ShouldBe(total);
        ids.ShouldBeUnique();
        ids.ShouldBeSubsetOf(Server.State.Rules.Select(r => r.RuleId));
        Server.State.RequestCount("DescribeSecurityGroupRules").ShouldBe((int)Math.Ceiling(total / 1000.0));
    }

    [Fact]
    public async Task DescribeSecurityGroupRules_WhenUnknownRuleId_ShouldFailWithInvalidSecurityGroupRuleIdNotFound()
    {
        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.DescribeSecurityGroupRulesAsync(
            new DescribeSecurityGroupRulesRequest { SecurityGroupRuleIds = ["sgr-0123456789abcdef0"] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidSecurityGroupRuleId.NotFound");
    }

    [Fact]
    public async Task DescribeSecurityGroupRules_WhenGroupReferencesAnother_ShouldReportReferencedGroupInfo()
    {
        // Given
        var app = Server.State.SeedGroup("app");
        var db = Server.State.SeedGroup("db");
        Server.State.SeedRule(db, new SandboxRuleSpec(false, "tcp", 5432, 5432, SandboxSourceKind.SecurityGroup, app, "from app"));

        // When
        var rules = await RulesOfAsync(db);

        // Then
        var rule = rules.Single(r => r.IsEgress == false);
        rule.ReferencedGroupInfo.GroupId.ShouldBe(app);
        rule.ReferencedGroupInfo.UserId.ShouldBe("123456789012");
        rule.Description.ShouldBe("from app");
        rule.SecurityGroupRuleArn.ShouldEndWith($"security-group-rule/{rule.SecurityGroupRuleId}");
    }
}
