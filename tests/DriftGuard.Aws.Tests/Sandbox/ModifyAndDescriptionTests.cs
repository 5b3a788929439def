using Amazon.EC2;
using Amazon.EC2.Model;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class ModifyAndDescriptionTests : SandboxTestBase
{
    [Fact]
    public async Task ModifySecurityGroupRules_WhenCidrChanged_ShouldKeepRuleIdAndApplyNewValues()
    {
        // Given
        var groupId = await CreateGroupAsync("modify");
        var ruleId = (await AuthorizeAsync(groupId, Tcp(22, 22, "0.0.0.0/0"))).SecurityGroupRules[0].SecurityGroupRuleId;

        // When
        var response = await Ec2.ModifySecurityGroupRulesAsync(new ModifySecurityGroupRulesRequest
        {
            GroupId = groupId,
            SecurityGroupRules =
            [
                new SecurityGroupRuleUpdate
                {
                    SecurityGroupRuleId = ruleId,
                    SecurityGroupRule = new SecurityGroupRuleRequest
                    {
                        IpProtocol = "tcp", FromPort = 22, ToPort = 22, CidrIpv4 = "10.0.0.0/8", Description = "ssh from corp",
                    },
                },
            ],
        });

        // Then
        response.Return.ShouldBe(true);
        var rule = (await RulesOfAsync(groupId)).Single(r => r.SecurityGroupRuleId == ruleId);
        rule.CidrIpv4.ShouldBe("10.0.0.0/8");
        rule.Description.ShouldBe("ssh from corp");
    }

    [Fact]
    public async Task ModifySecurityGroupRules_WhenRuleIdUnknown_ShouldFailWithInvalidSecurityGroupRuleIdNotFound()
    {
        // Given
        var groupId = await CreateGroupAsync("modify-unknown");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.ModifySecurityGroupRulesAsync(new ModifySecurityGroupRulesRequest
        {
            GroupId = groupId,
            SecurityGroupRules =
            [
                new SecurityGroupRuleUpdate
                {
                    SecurityGroupRuleId = "sgr-0000000000000abcd",
                    SecurityGroupRule = new SecurityGroupRuleRequest { IpProtocol = "-1", CidrIpv4 = "10.0.0.0/8" },
                },
            ],
        }));

        // Then
        error.ErrorCode.ShouldBe("InvalidSecurityGroupRuleId.NotFound");
    }

    [Fact]
    public async Task UpdateRuleDescriptionsIngress_WhenByPermission_ShouldReplaceDescription()
    {
        // Given
        var groupId = await CreateGroupAsync("describe-me");
        await AuthorizeAsync(groupId, Tcp(443, 443, "10.0.0.0/8"));

        // When
        await Ec2.UpdateSecurityGroupRuleDescriptionsIngressAsync(new UpdateSecurityGroupRuleDescriptionsIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8", Description = "https" }] }],
        });

        // Then
        (await DescribeGroupAsync(groupId)).IpPermissions.ShouldHaveSingleItem().Ipv4Ranges.ShouldHaveSingleItem().Description.ShouldBe("https");
    }

    [Fact]
    public async Task UpdateRuleDescriptionsEgress_WhenByRuleId_ShouldReplaceDescription()
    {
        // Given
        var groupId = await CreateGroupAsync("describe-egress");
        var egressId = (await RulesOfAsync(groupId)).Single(r => r.IsEgress == true).SecurityGroupRuleId;

        // When
        await Ec2.UpdateSecurityGroupRuleDescriptionsEgressAsync(new UpdateSecurityGroupRuleDescriptionsEgressRequest
        {
            GroupId = groupId,
            SecurityGroupRuleDescriptions = [new SecurityGroupRuleDescription { SecurityGroupRuleId = egressId, Description = "all out" }],
        });

        // Then
        (await RulesOfAsync(groupId)).Single(r => r.SecurityGroupRuleId == egressId).Description.ShouldBe("all out");
    }

    [Fact]
    public async Task UpdateRuleDescriptionsIngress_WhenPermissionMatchesNoRule_ShouldFailWithInvalidPermissionNotFound()
    {
        // Given
        var groupId = await CreateGroupAsync("describe-missing");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.UpdateSecurityGroupRuleDescriptionsIngressAsync(
            new UpdateSecurityGroupRuleDescriptionsIngressRequest { GroupId = groupId, IpPermissions = [Tcp(1, 1, "10.0.0.0/8")] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidPermission.NotFound");
    }
}
