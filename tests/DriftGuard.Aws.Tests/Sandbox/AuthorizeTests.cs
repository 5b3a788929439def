using Amazon.EC2;
using Amazon.EC2.Model;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class AuthorizeTests : SandboxTestBase
{
    protected override SandboxOptions Options => new() { RulesPerSecurityGroup = 5 };

    [Fact]
    public async Task AuthorizeIngress_WhenPermissionHasFourSources_ShouldCreateOneRulePerSource()
    {
        // Given
        var groupId = await CreateGroupAsync("api");
        var peerId = await CreateGroupAsync("peer");
        var permission = new IpPermission
        {
            IpProtocol = "tcp",
            FromPort = 443,
            ToPort = 443,
            Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }, new IpRange { CidrIp = "192.168.0.0/16" }],
            Ipv6Ranges = [new Ipv6Range { CidrIpv6 = "2001:db8::/32" }],
            UserIdGroupPairs = [new UserIdGroupPair { GroupId = peerId }],
        };

        // When
        var response = await AuthorizeAsync(groupId, permission);

        // Then
        response.Return.ShouldBe(true);
        response.SecurityGroupRules.Count.ShouldBe(4);
        response.SecurityGroupRules.Select(r => r.SecurityGroupRuleId).Distinct().Count().ShouldBe(4);
        response.SecurityGroupRules.ShouldAllBe(r => r.SecurityGroupRuleId.StartsWith("sgr-") && r.IsEgress == false && r.FromPort == 443);
        response.SecurityGroupRules.Single(r => r.ReferencedGroupInfo != null).ReferencedGroupInfo.GroupId.ShouldBe(peerId);
    }

    [Theory]
    [InlineData("6", "tcp")]
    [InlineData("TCP", "tcp")]
    [InlineData("17", "udp")]
    public async Task AuthorizeIngress_WhenProtocolGivenAsNumberOrUpperCase_ShouldStoreCanonicalName(string given, string expected)
    {
        // Given
        var groupId = await CreateGroupAsync("proto");

        // When
        var response = await AuthorizeAsync(groupId, new IpPermission
        {
            IpProtocol = given, FromPort = 53, ToPort = 53, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }],
        });

        // Then
        response.SecurityGroupRules.ShouldHaveSingleItem().IpProtocol.ShouldBe(expected);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenAllProtocols_ShouldReportPortsAsMinusOne()
    {
        // Given
        var groupId = await CreateGroupAsync("all");

        // When
        var response = await AuthorizeAsync(groupId, new IpPermission
        {
            IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }],
        });

        // Then
        var rule = response.SecurityGroupRules.ShouldHaveSingleItem();
        (rule.FromPort, rule.ToPort).ShouldBe((-1, -1));
    }

    [Fact]
    public async Task AuthorizeIngress_WhenCidrHasHostBits_ShouldStoreNetworkAddress()
    {
        // Given
        var groupId = await CreateGroupAsync("cidr");

        // When
        var response = await AuthorizeAsync(groupId, Tcp(22, 22, "100.68.0.18/18"));

        // Then
        response.SecurityGroupRules.ShouldHaveSingleItem().CidrIpv4.ShouldBe("100.68.0.0/18");
    }

    [Theory]
    [InlineData(80, 70)]
    [InlineData(-1, 80)]
    [InlineData(0, 70000)]
    public async Task AuthorizeIngress_WhenTcpPortRangeInvalid_ShouldFailWithInvalidParameterValue(int from, int to)
    {
        // Given
        var groupId = await CreateGroupAsync("ports");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => AuthorizeAsync(groupId, Tcp(from, to, "10.0.0.0/8")));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
        Server.State.RulesOf(groupId).Count(r => !r.IsEgress).ShouldBe(0);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenCidrMalformed_ShouldFailWithInvalidParameterValue()
    {
        // Given
        var groupId = await CreateGroupAsync("badcidr");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => AuthorizeAsync(groupId, Tcp(22, 22, "10.0.0/8")));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
    }

    [Fact]
    public async Task AuthorizeIngress_WhenOneSourceDuplicatesExistingRule_ShouldFailWholeCallAndApplyNothing()
    {
        // Given
        var groupId = await CreateGroupAsync("dup");
        await AuthorizeAsync(groupId, Tcp(22, 22, "10.0.0.0/8"));

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            AuthorizeAsync(groupId, Tcp(443, 443, "0.0.0.0/0"), Tcp(22, 22, "10.0.0.0/8")));

        // Then
        error.ErrorCode.ShouldBe("InvalidPermission.Duplicate");
        Server.State.RulesOf(groupId).Where(r => !r.IsEgress).Select(r => r.FromPort).ShouldBe([22]);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenRequestRepeatsASource_ShouldFailWithInvalidPermissionDuplicate()
    {
        // Given
        var groupId = await CreateGroupAsync("dup-in-request");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            AuthorizeAsync(groupId, Tcp(22, 22, "10.0.0.0/8", "10.1.2.3/8")));

        // Then
        error.ErrorCode.ShouldBe("InvalidPermission.Duplicate");
        Server.State.RulesOf(groupId).Count(r => !r.IsEgress).ShouldBe(0);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenQuotaWouldBeExceeded_ShouldFailWithRulesPerSecurityGroupLimitExceeded()
    {
        // Given: quota 5 for this test class
        var groupId = await CreateGroupAsync("quota");
        await AuthorizeAsync(groupId, Tcp(1, 1, "10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32", "10.0.0.4/32"));

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => AuthorizeAsync(groupId, Tcp(2, 2, "10.0.0.5/32", "10.0.0.6/32")));

        // Then
        error.ErrorCode.ShouldBe("RulesPerSecurityGroupLimitExceeded");
        Server.State.RulesOf(groupId).Count(r => !r.IsEgress).ShouldBe(4);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenReferencedGroupUnknown_ShouldFailWithInvalidGroupNotFound()
    {
        // Given
        var groupId = await CreateGroupAsync("ref");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => AuthorizeAsync(groupId, new IpPermission
        {
            IpProtocol = "tcp", FromPort = 5432, ToPort = 5432, UserIdGroupPairs = [new UserIdGroupPair { GroupId = "sg-0000000000000dead" }],
        }));

        // Then
        error.ErrorCode.ShouldBe("InvalidGroup.NotFound");
    }

    [Fact]
    public async Task AuthorizeEgress_WhenTcpRuleAdded_ShouldAppearInEgressPermissions()
    {
        // Given
        var groupId = await CreateGroupAsync("egress");

        // When
        var response = await Ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest
        {
            GroupId = groupId,
            IpPermissions = [Tcp(443, 443, "10.0.0.0/8")],
        });

        // Then
        response.SecurityGroupRules.ShouldHaveSingleItem().IsEgress.ShouldBe(true);
        (await DescribeGroupAsync(groupId)).IpPermissionsEgress.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AuthorizeIngress_WhenDescriptionHasDisallowedCharacter_ShouldFailWithInvalidParameterValue()
    {
        // Given
        var groupId = await CreateGroupAsync("desc");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => AuthorizeAsync(groupId, new IpPermission
        {
            IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8", Description = "ssh <admin>" }],
        }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
    }

    [Fact]
    public async Task AuthorizeIngress_WhenIcmpEchoRequest_ShouldKeepTypeAndCodeAsPorts()
    {
        // Given
        var groupId = await CreateGroupAsync("ping");

        // When
        await AuthorizeAsync(groupId, new IpPermission { IpProtocol = "icmp", FromPort = 8, ToPort = -1, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }] });

        // Then
        var permission = (await DescribeGroupAsync(groupId)).IpPermissions.ShouldHaveSingleItem();
        (permission.IpProtocol, permission.FromPort, permission.ToPort).ShouldBe(("icmp", 8, -1));
    }
}
