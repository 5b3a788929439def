using Amazon.EC2;
using Amazon.EC2.Model;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class RevokeTests : SandboxTestBase
{
    [Fact]
    public async Task RevokeIngress_WhenByRuleId_ShouldRemoveOnlyThatRuleAndReturnIt()
    {
        // Given
        var groupId = await CreateGroupAsync("revoke-id");
        var added = await AuthorizeAsync(groupId, Tcp(22, 22, "10.0.0.0/8", "192.168.0.0/16"));
        var target = added.SecurityGroupRules[0].SecurityGroupRuleId;

        // When
        var response = await Ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            SecurityGroupRuleIds = [target],
        });

        // Then
        response.Return.ShouldBe(true);
        response.RevokedSecurityGroupRules.ShouldHaveSingleItem().SecurityGroupRuleId.ShouldBe(target);
        (await RulesOfAsync(groupId)).Where(r => r.IsEgress == false).Select(r => r.CidrIpv4).ShouldBe(["192.168.0.0/16"]);
    }

    [Fact]
    public async Task RevokeIngress_WhenOneRuleIdUnknown_ShouldFailAndRevokeNothing()
    {
        // Given
        var groupId = await CreateGroupAsync("revoke-unknown");
        var added = await AuthorizeAsync(groupId, Tcp(22, 22, "10.0.0.0/8"));

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.RevokeSecurityGroupIngressAsync(
            new RevokeSecurityGroupIngressRequest
            {
                GroupId = groupId,
                SecurityGroupRuleIds = [added.SecurityGroupRules[0].SecurityGroupRuleId, "sgr-0000000000000beef"],
            }));

        // Then
        error.ErrorCode.ShouldBe("InvalidSecurityGroupRuleId.NotFound");
        (await RulesOfAsync(groupId)).Count(r => r.IsEgress == false).ShouldBe(1);
    }

    [Fact]
    public async Task RevokeIngress_WhenByPermissionWithOtherDescription_ShouldStillMatchTheRule()
    {
        // Given
        var groupId = await CreateGroupAsync("revoke-perm");
        await AuthorizeAsync(groupId, new IpPermission
        {
            IpProtocol = "tcp", FromPort = 80, ToPort = 80, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8", Description = "web" }],
        });

        // When
        var response = await Ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [new IpPermission { IpProtocol = "6", FromPort = 80, ToPort = 80, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }] }],
        });

        // Then
        response.RevokedSecurityGroupRules.ShouldHaveSingleItem().Description.ShouldBe("web");
        (response.UnknownIpPermissions ?? []).ShouldBeEmpty();
    }

    [Fact]
    public async Task RevokeIngress_WhenPermissionMatchesNothingInDefaultVpc_ShouldSucceedListingItAsUnknown()
    {
        // Given
        var groupId = await CreateGroupAsync("revoke-missing-default-vpc");

        // When
        var response = await Ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [Tcp(23, 23, "10.0.0.0/8")],
        });

        // Then
        response.Return.ShouldBe(true);
        var unknown = response.UnknownIpPermissions.ShouldHaveSingleItem();
        unknown.FromPort.ShouldBe(23);
        unknown.Ipv4Ranges.ShouldHaveSingleItem().CidrIp.ShouldBe("10.0.0.0/8");
    }

    [Fact]
    public async Task RevokeIngress_WhenPermissionMatchesNothingInNonDefaultVpc_ShouldFailWithInvalidPermissionNotFound()
    {
        // Given
        var vpc = await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.9.0.0/16" });
        var groupId = await CreateGroupAsync("revoke-missing", vpc.Vpc.VpcId);
        await AuthorizeAsync(groupId, Tcp(22, 22, "10.0.0.0/8"));

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.RevokeSecurityGroupIngressAsync(
            new RevokeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = [Tcp(22, 22, "10.0.0.0/8"), Tcp(23, 23, "10.0.0.0/8")] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidPermission.NotFound");
        (await RulesOfAsync(groupId)).Count(r => r.IsEgress == false).ShouldBe(1);
    }

    [Fact]
    public async Task RevokeEgress_WhenDefaultEgressRevoked_ShouldLeaveNoEgressRules()
    {
        // Given
        var groupId = await CreateGroupAsync("no-egress");

        // When
        var response = await Ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest
        {
            GroupId = groupId,
            IpPermissions = [new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });

        // Then
        response.RevokedSecurityGroupRules.ShouldHaveSingleItem().IsEgress.ShouldBe(true);
        ((await DescribeGroupAsync(groupId)).IpPermissionsEgress ?? []).ShouldBeEmpty();
    }
}
