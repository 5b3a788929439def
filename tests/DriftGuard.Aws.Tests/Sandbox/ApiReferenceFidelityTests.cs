using System.Net;
using System.Xml.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace DriftGuard.Aws.Tests.Sandbox;

/// <summary>
/// Cases where the sandbox once answered differently from the EC2 API Reference
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/): each test pins the documented behaviour.
/// </summary>
public sealed class ApiReferenceFidelityTests : SandboxTestBase
{
    private const string SignedHeader =
        "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00";

    private async Task<(HttpStatusCode Status, XDocument Body)> PostAsync(string form)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.Endpoint)
        {
            Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", SignedHeader);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static string ErrorCode(XDocument body) => body.Root!.Element("Errors")!.Element("Error")!.Element("Code")!.Value;

    [Fact]
    public async Task AnyAction_WhenVersionIsNotTheServedApiVersion_ShouldFailWithNoSuchVersion()
    {
        // When
        var (status, body) = await PostAsync("Action=DescribeSecurityGroups&Version=2010-01-01");

        // Then
        status.ShouldBe(HttpStatusCode.BadRequest);
        ErrorCode(body).ShouldBe("NoSuchVersion");
    }

    [Fact]
    public async Task AuthorizeIngress_WhenGroupIdAndGroupNameBothGiven_ShouldFailWithInvalidParameterCombination()
    {
        // Given
        var groupId = await CreateGroupAsync("both");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.AuthorizeSecurityGroupIngressAsync(
            new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, GroupName = "both", IpPermissions = [Tcp(22, 22, "10.0.0.0/8")] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterCombination");
        (await RulesOfAsync(groupId)).ShouldNotContain(r => !r.IsEgress.GetValueOrDefault());
    }

    [Fact]
    public async Task DeleteSecurityGroup_WhenGroupIdAndGroupNameBothGiven_ShouldFailWithInvalidParameterCombination()
    {
        // Given
        var groupId = await CreateGroupAsync("doomed");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            Ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = groupId, GroupName = "doomed" }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterCombination");
        Server.State.Groups.ShouldContain(g => g.GroupId == groupId);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenIcmpWithoutTypeAndCode_ShouldFailWithInvalidParameterValue()
    {
        // Given: API_IpPermission.html — "For tcp, udp, and icmp, you must specify a port range"
        var groupId = await CreateGroupAsync("ping");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => AuthorizeAsync(groupId,
            new IpPermission { IpProtocol = "icmp", Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenIcmpv6WithoutTypeAndCode_ShouldAllowAllTypesAndCodes()
    {
        // Given: API_IpPermission.html — "For icmpv6, the port range is optional"
        var groupId = await CreateGroupAsync("ping6");

        // When
        var response = await AuthorizeAsync(groupId,
            new IpPermission { IpProtocol = "icmpv6", Ipv6Ranges = [new Ipv6Range { CidrIpv6 = "2001:db8::/32" }] });

        // Then
        var rule = response.SecurityGroupRules.ShouldHaveSingleItem();
        (rule.IpProtocol, rule.FromPort ?? 0, rule.ToPort ?? 0).ShouldBe(("icmpv6", -1, -1));
    }

    [Fact]
    public async Task AuthorizeIngress_WhenLegacySourceSecurityGroupNameWithoutProtocol_ShouldGrantFullIcmpTcpAndUdp()
    {
        // Given: API_AuthorizeSecurityGroupIngress.html, SourceSecurityGroupName — "The rule grants full ICMP, UDP, and TCP access"
        var groupId = await CreateGroupAsync("backend");
        var peerId = await CreateGroupAsync("frontend");

        // When: the SDK no longer models the legacy parameters, so they go on the wire by hand
        var (status, _) = await PostAsync(
            "Action=AuthorizeSecurityGroupIngress&Version=2016-11-15&GroupName=backend&SourceSecurityGroupName=frontend");

        // Then
        status.ShouldBe(HttpStatusCode.OK);
        (await RulesOfAsync(groupId))
            .Where(r => !r.IsEgress.GetValueOrDefault())
            .Select(r => (r.IpProtocol, From: r.FromPort ?? 0, To: r.ToPort ?? 0, Peer: r.ReferencedGroupInfo.GroupId))
            .OrderBy(r => r.IpProtocol, StringComparer.Ordinal)
            .ShouldBe(new[] { ("icmp", -1, -1, peerId), ("tcp", 0, 65535, peerId), ("udp", 0, 65535, peerId) });
    }
    [Fact]
    public async Task DescribeSecurityGroups_WhenFilteredByIpPermissionGroupName_ShouldReturnGroupsWhoseRulesReferenceThatGroup()
    {
        // Given: API_DescribeSecurityGroups.html, ip-permission.group-name — "The name of a security group that is referenced in an inbound rule"
        var dbId = await CreateGroupAsync("db");
        var appId = await CreateGroupAsync("app");
        await CreateGroupAsync("unrelated");
        await AuthorizeAsync(dbId, new IpPermission
        {
            IpProtocol = "tcp", FromPort = 5432, ToPort = 5432, UserIdGroupPairs = [new UserIdGroupPair { GroupId = appId }],
        });

        // When
        var response = await Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("ip-permission.group-name", ["app"])],
        });

        // Then
        response.SecurityGroups.ShouldHaveSingleItem().GroupId.ShouldBe(dbId);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenPeerGroupIsInAnotherVpc_ShouldFailWithInvalidGroupNotFound()
    {
        // Given: a group in a new VPC and a peer in the default VPC (the sandbox has no VPC peering)
        var vpc = await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.40.0.0/16" });
        var groupId = await CreateGroupAsync("isolated", vpc.Vpc.VpcId);
        var otherNetworkPeer = await CreateGroupAsync("elsewhere");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => AuthorizeAsync(groupId, new IpPermission
        {
            IpProtocol = "tcp", FromPort = 22, ToPort = 22, UserIdGroupPairs = [new UserIdGroupPair { GroupId = otherNetworkPeer }],
        }));

        // Then
        error.ErrorCode.ShouldBe("InvalidGroup.NotFound");
        error.Message.ShouldContain("different networks");
    }
    [Fact]
    public async Task RevokeIngress_WhenRuleIdsAndIpPermissionsBothGiven_ShouldFailWithInvalidParameterCombination()
    {
        // Given
        var groupId = await CreateGroupAsync("mixed");
        var ruleId = (await AuthorizeAsync(groupId, Tcp(22, 22, "10.0.0.0/8"))).SecurityGroupRules[0].SecurityGroupRuleId;

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest
        {
            GroupId = groupId, SecurityGroupRuleIds = [ruleId], IpPermissions = [Tcp(22, 22, "10.0.0.0/8")],
        }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterCombination");
        (await RulesOfAsync(groupId)).ShouldContain(r => r.SecurityGroupRuleId == ruleId);
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenGroupIdMalformed_ShouldFailWithInvalidGroupIdMalformed()
    {
        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = ["sg-123"] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidGroupId.Malformed");
    }

    [Fact]
    public async Task RevokeIngress_WhenRuleIdMalformed_ShouldFailWithInvalidSecurityGroupRuleIdMalformed()
    {
        // Given
        var groupId = await CreateGroupAsync("malformed");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => Ec2.RevokeSecurityGroupIngressAsync(
            new RevokeSecurityGroupIngressRequest { GroupId = groupId, SecurityGroupRuleIds = ["sgr-xyz"] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidSecurityGroupRuleId.Malformed");
    }

    [Fact]
    public async Task AuthorizeIngress_WhenIpv6CidrHasUpperCaseAndHostBits_ShouldStoreCompressedLowerCaseNetwork()
    {
        // Given
        var groupId = await CreateGroupAsync("v6");

        // When
        var response = await AuthorizeAsync(groupId, new IpPermission
        {
            IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv6Ranges = [new Ipv6Range { CidrIpv6 = "2001:DB8:0:0::1/32" }],
        });

        // Then
        response.SecurityGroupRules.ShouldHaveSingleItem().CidrIpv6.ShouldBe("2001:db8::/32");
    }

    [Fact]
    public async Task CreateSecurityGroup_WhenNameLooksLikeAGroupId_ShouldFailWithInvalidParameterValue()
    {
        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "sg-web", Description = "web" }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
        error.Message.ShouldBe("Value (sg-web) for parameter GroupName is invalid. Group names may not be in the format sg-*.");
    }

    [Fact]
    public async Task MutatingCalls_WhenDryRun_ShouldEachFailWithDryRunOperation412AndChangeNothing()
    {
        // Given
        var groupId = await CreateGroupAsync("dry");
        var ruleId = (await AuthorizeAsync(groupId, Tcp(22, 22, "10.0.0.0/8"))).SecurityGroupRules[0].SecurityGroupRuleId;
        var before = Server.State.Rules.ToList();
        var calls = new Func<Task>[]
        {
            () => Ec2.RevokeSecurityGroupIngressAsync(new() { GroupId = groupId, SecurityGroupRuleIds = [ruleId], DryRun = true }),
            () => Ec2.RevokeSecurityGroupEgressAsync(new() { GroupId = groupId, IpPermissions = [new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }], DryRun = true }),
            () => Ec2.AuthorizeSecurityGroupEgressAsync(new() { GroupId = groupId, IpPermissions = [Tcp(443, 443, "10.0.0.0/8")], DryRun = true }),
            () => Ec2.ModifySecurityGroupRulesAsync(new()
            {
                GroupId = groupId, DryRun = true,
                SecurityGroupRules = [new SecurityGroupRuleUpdate { SecurityGroupRuleId = ruleId, SecurityGroupRule = new SecurityGroupRuleRequest { IpProtocol = "tcp", FromPort = 23, ToPort = 23, CidrIpv4 = "10.0.0.0/8" } }],
            }),
            () => Ec2.UpdateSecurityGroupRuleDescriptionsIngressAsync(new()
            {
                GroupId = groupId, DryRun = true,
                SecurityGroupRuleDescriptions = [new SecurityGroupRuleDescription { SecurityGroupRuleId = ruleId, Description = "changed" }],
            }),
            () => Ec2.CreateTagsAsync(new() { Resources = [groupId], Tags = [new Tag("env", "prod")], DryRun = true }),
            () => Ec2.DeleteSecurityGroupAsync(new() { GroupId = groupId, DryRun = true }),
        };

        // When
        var errors = new List<AmazonEC2Exception>();
        foreach (var call in calls) errors.Add(await Should.ThrowAsync<AmazonEC2Exception>(call));

        // Then
        errors.ShouldAllBe(e => e.ErrorCode == "DryRunOperation" && e.StatusCode == HttpStatusCode.PreconditionFailed);
        Server.State.Rules.ShouldBe(before);
        Server.State.Groups.Single(g => g.GroupId == groupId).Tags.ShouldBeEmpty();
    }
    [Fact]
    public async Task AnyAction_WhenParameterNotTakenByTheAction_ShouldFailWithUnknownParameter()
    {
        // When: GroupIds is DescribeSecurityGroups' parameter name in the SDK, but the wire name is GroupId.N
        var (status, body) = await PostAsync("Action=DescribeSecurityGroups&Version=2016-11-15&GroupIds.1=sg-0123456789abcdef0");

        // Then
        status.ShouldBe(HttpStatusCode.BadRequest);
        ErrorCode(body).ShouldBe("UnknownParameter");
    }

    [Fact]
    public async Task AuthorizeIngress_WhenProtocolSpelledAll_ShouldFailWithInvalidParameterValue()
    {
        // Given: API_IpPermission.html — "Use -1 to specify all protocols"; "all" is a client-side spelling (AWS CLI, Terraform)
        var groupId = await CreateGroupAsync("spelling");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => AuthorizeAsync(groupId,
            new IpPermission { IpProtocol = "all", Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
    }
    [Fact]
    public async Task UpdateRuleDescriptionsEgress_WhenGroupNamedInDefaultVpc_ShouldReplaceTheDescription()
    {
        // Given: API_UpdateSecurityGroupRuleDescriptionsEgress.html — GroupName "[Default VPC] … specify either the security group ID or the security group name"
        var groupId = await CreateGroupAsync("named-egress");

        // When
        await Ec2.UpdateSecurityGroupRuleDescriptionsEgressAsync(new UpdateSecurityGroupRuleDescriptionsEgressRequest
        {
            GroupName = "named-egress",
            IpPermissions = [new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0", Description = "all out" }] }],
        });

        // Then
        (await RulesOfAsync(groupId)).ShouldHaveSingleItem().Description.ShouldBe("all out");
    }
}
