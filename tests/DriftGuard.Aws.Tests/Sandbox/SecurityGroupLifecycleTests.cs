using Amazon.EC2;
using Amazon.EC2.Model;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class SecurityGroupLifecycleTests : SandboxTestBase
{
    [Fact]
    public async Task CreateSecurityGroup_WhenTagged_ShouldReturnIdArnAndTags()
    {
        // Given
        var request = new CreateSecurityGroupRequest
        {
            GroupName = "web",
            Description = "web tier",
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.SecurityGroup, Tags = [new Tag("team", "payments")] }],
        };

        // When
        var response = await Ec2.CreateSecurityGroupAsync(request);

        // Then
        response.GroupId.ShouldMatch("^sg-[0-9a-f]{17}$");
        response.SecurityGroupArn.ShouldBe($"arn:aws:ec2:us-east-1:123456789012:security-group/{response.GroupId}");
        response.Tags.ShouldHaveSingleItem().Value.ShouldBe("payments");
    }

    [Fact]
    public async Task CreateSecurityGroup_WhenCreated_ShouldHaveOnlyTheIpv4AllowAllEgressRule()
    {
        // Given
        var groupId = await CreateGroupAsync("fresh");

        // When
        var group = await DescribeGroupAsync(groupId);

        // Then
        (group.IpPermissions ?? []).ShouldBeEmpty();
        var egress = group.IpPermissionsEgress.ShouldHaveSingleItem();
        egress.IpProtocol.ShouldBe("-1");
        egress.FromPort.ShouldBeNull();
        egress.Ipv4Ranges.ShouldHaveSingleItem().CidrIp.ShouldBe("0.0.0.0/0");
        (egress.Ipv6Ranges ?? []).ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateSecurityGroup_WhenNameTakenInVpc_ShouldFailWithInvalidGroupDuplicate()
    {
        // Given
        await CreateGroupAsync("twice");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => CreateGroupAsync("twice"));

        // Then
        error.ErrorCode.ShouldBe("InvalidGroup.Duplicate");
        error.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateSecurityGroup_WhenSameNameInAnotherVpc_ShouldSucceed()
    {
        // Given
        await CreateGroupAsync("shared-name");
        var vpc = await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.20.0.0/16" });

        // When
        var groupId = await CreateGroupAsync("shared-name", vpc.Vpc.VpcId);

        // Then
        (await DescribeGroupAsync(groupId)).VpcId.ShouldBe(vpc.Vpc.VpcId);
    }

    [Fact]
    public async Task DeleteSecurityGroup_WhenDefaultGroup_ShouldFailWithCannotDelete()
    {
        // Given
        var defaultGroup = Server.State.Groups.Single(g => g.GroupName == "default");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            Ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = defaultGroup.GroupId }));

        // Then
        error.ErrorCode.ShouldBe("CannotDelete");
    }

    [Fact]
    public async Task DeleteSecurityGroup_WhenExisting_ShouldRemoveGroupAndItsRules()
    {
        // Given
        var groupId = await CreateGroupAsync("doomed");

        // When
        var response = await Ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = groupId });

        // Then
        response.Return.ShouldBe(true);
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => DescribeGroupAsync(groupId));
        error.ErrorCode.ShouldBe("InvalidGroup.NotFound");
        Server.State.RulesOf(groupId).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteSecurityGroup_WhenUnknown_ShouldFailWithInvalidGroupNotFound()
    {
        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            Ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = "sg-0123456789abcdef0" }));

        // Then
        error.ErrorCode.ShouldBe("InvalidGroup.NotFound");
        error.Message.ShouldContain("sg-0123456789abcdef0");
    }

    [Fact]
    public async Task CreateVpc_WhenCreated_ShouldCreateItsDefaultGroupWithSelfIngressAndOpenEgress()
    {
        // When
        var vpc = await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.1.0.0/16" });

        // Then
        var groups = await Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [vpc.Vpc.VpcId])],
        });
        var group = groups.SecurityGroups.ShouldHaveSingleItem();
        group.GroupName.ShouldBe("default");
        group.IpPermissions.ShouldHaveSingleItem().UserIdGroupPairs.ShouldHaveSingleItem().GroupId.ShouldBe(group.GroupId);
        group.IpPermissionsEgress.ShouldHaveSingleItem().Ipv4Ranges.ShouldHaveSingleItem().CidrIp.ShouldBe("0.0.0.0/0");
    }

    [Fact]
    public async Task DescribeVpcs_WhenFresh_ShouldListTheDefaultVpc()
    {
        // When
        var response = await Ec2.DescribeVpcsAsync(new DescribeVpcsRequest());

        // Then
        var vpc = response.Vpcs.ShouldHaveSingleItem();
        vpc.IsDefault.ShouldBe(true);
        vpc.CidrBlock.ShouldBe("172.31.0.0/16");
    }

    [Fact]
    public async Task DescribeRegions_WhenCalled_ShouldListTheSandboxRegion()
    {
        // When
        var response = await Ec2.DescribeRegionsAsync(new DescribeRegionsRequest());

        // Then
        response.Regions.ShouldHaveSingleItem().RegionName.ShouldBe("us-east-1");
    }

    [Fact]
    public async Task CreateSecurityGroup_WhenDescriptionNotInAllowedSet_ShouldFailWithInvalidParameterValue()
    {
        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.CreateSecurityGroupAsync(
            new CreateSecurityGroupRequest { GroupName = "café", Description = "naïve" }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
    }

    [Fact]
    public async Task DeleteSecurityGroup_WhenAnotherGroupReferencesIt_ShouldFailWithDependencyViolation()
    {
        // Given
        var app = await CreateGroupAsync("app-tier");
        var db = await CreateGroupAsync("db-tier");
        await AuthorizeAsync(db, new IpPermission { IpProtocol = "tcp", FromPort = 5432, ToPort = 5432, UserIdGroupPairs = [new UserIdGroupPair { GroupId = app }] });

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = app }));

        // Then
        error.ErrorCode.ShouldBe("DependencyViolation");
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenNameExistsOnlyInNonDefaultVpc_ShouldFailWithInvalidGroupNotFound()
    {
        // Given
        var vpc = await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.30.0.0/16" });
        await CreateGroupAsync("elsewhere", vpc.Vpc.VpcId);

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupNames = ["elsewhere"] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidGroup.NotFound");
    }
}
