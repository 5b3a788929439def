using DriftGuard.Aws.Live;
using DriftGuard.Core.Live;
using DriftGuard.Core.Model;
using Ec2 = Amazon.EC2.Model;

namespace DriftGuard.Aws.Tests.Live;

public class Ec2SecurityGroupMapperTests
{
    public static TheoryData<string> RecordedFiles()
    {
        var files = Directory.GetFiles(RecordedResponses.Shared("iac", "live-describe-sg"), "*.json")
            .Concat(Directory.GetDirectories(RecordedResponses.Shared("bugs")).Select(d => Path.Combine(d, "live.json")).Where(File.Exists))
            .Select(p => Path.GetRelativePath(RecordedResponses.Shared(), p));
        return new TheoryData<string>(files.Order());
    }

    [Theory]
    [MemberData(nameof(RecordedFiles))]
    public void ToCanonical_WhenRecordedResponseAsSdkTypes_ShouldEqualTheCliFileParser(string relative)
    {
        // Given the same recorded response as SDK v4 objects and as CLI JSON
        var path = RecordedResponses.Shared(relative);
        var sdk = RecordedResponses.Groups(path);
        // When
        var (groups, errors) = Ec2SecurityGroupMapper.ToCanonical(sdk, null, "us-east-1");
        var fromFile = LiveDescribeParser.ParseFile(path, region: "us-east-1").Groups;
        // Then both paths give the same canonical groups and rules
        errors.ShouldBeEmpty();
        Describe(groups).ShouldBe(Describe(fromFile));
    }

    [Fact]
    public void ToCanonical_WhenSdkListsAreNull_ShouldGiveAnEmptyGroup()
    {
        // Given a v4 group whose lists were never set
        var sdk = new Ec2.SecurityGroup { GroupId = "sg-1", GroupName = "empty", VpcId = "vpc-1" };
        // When
        var (groups, errors) = Ec2SecurityGroupMapper.ToCanonical([sdk], null, "eu-west-1");
        // Then
        errors.ShouldBeEmpty();
        var g = groups.ShouldHaveSingleItem();
        g.Rules.ShouldBeEmpty();
        g.Tags.ShouldBeEmpty();
        g.Region.ShouldBe("eu-west-1");
    }

    [Fact]
    public void ToCanonical_WhenRuleListingRead_ShouldTakeRulesFromItAndMetadataFromGroups()
    {
        // Given a group (name, tags) whose permissions are stale, and the rule listing with ids
        var sdk = new Ec2.SecurityGroup
        {
            GroupId = "sg-1", GroupName = "web", VpcId = "vpc-1", OwnerId = "111122223333", Description = "web tier",
            Tags = [new Ec2.Tag("aws:cloudformation:logical-id", "Web")],
            IpPermissions = [new Ec2.IpPermission { IpProtocol = "tcp", FromPort = 80, ToPort = 80, Ipv4Ranges = [new Ec2.IpRange { CidrIp = "10.0.0.0/8" }] }],
        };
        Ec2.SecurityGroupRule[] rules =
        [
            new() { SecurityGroupRuleId = "sgr-1", GroupId = "sg-1", IsEgress = false, IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIpv4 = "10.0.0.0/8", Description = "https" },
            new() { SecurityGroupRuleId = "sgr-2", GroupId = "sg-1", IsEgress = true, IpProtocol = "-1", FromPort = -1, ToPort = -1,
                    ReferencedGroupInfo = new Ec2.ReferencedSecurityGroup { GroupId = "sg-1", UserId = "111122223333" } },
        ];
        // When
        var g = Ec2SecurityGroupMapper.ToCanonical([sdk], rules, "us-east-1").Groups.ShouldHaveSingleItem();
        // Then
        g.Rules.Select(r => (r.RuleId, r.ToString(), r.Description)).ShouldBe(
            [("sgr-1", "sg-1 ingress tcp/443 10.0.0.0/8", "https"), ("sgr-2", "sg-1 egress all sg-1", (string?)null)]);
        (g.Name, g.VpcId, g.OwnerId, g.Description, g.Tags["aws:cloudformation:logical-id"]).ShouldBe(("web", "vpc-1", "111122223333", "web tier", "Web"));
    }

    [Fact]
    public void ToCanonical_WhenEc2ReturnsAnInvalidCidr_ShouldReportAnErrorAndKeepTheRest()
    {
        // Given
        var sdk = new Ec2.SecurityGroup
        {
            GroupId = "sg-1",
            IpPermissions = [new Ec2.IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22,
                Ipv4Ranges = [new Ec2.IpRange { CidrIp = "bad" }, new Ec2.IpRange { CidrIp = "10.0.0.1/8" }] }],
        };
        // When
        var (groups, errors) = Ec2SecurityGroupMapper.ToCanonical([sdk], null, "us-east-1");
        // Then
        errors.ShouldHaveSingleItem().Message.ShouldContain("invalid CIDR");
        groups.Single().Rules.ShouldHaveSingleItem().Source.ShouldBe(new Cidr("10.0.0.0/8"));
    }

    private static string[] Describe(IEnumerable<SecurityGroup> groups) =>
    [
        .. groups.SelectMany(g => g.Rules.Select(r => $"{r} [{r.Description}]")
            .Prepend($"{g.Key} {g.Name} {g.VpcId} {g.OwnerId} {g.IsDefault} {g.Description} {string.Join(",", g.Tags.OrderBy(t => t.Key))}")),
    ];
}
