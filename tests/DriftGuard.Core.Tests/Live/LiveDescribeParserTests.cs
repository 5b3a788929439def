using System.Text.Json;
using DriftGuard.Core.Live;
using DriftGuard.Core.Model;
using DriftGuard.Core.Tests.Drift;

namespace DriftGuard.Core.Tests.Live;

public class LiveDescribeParserTests
{
    public static TheoryData<string> RecordedFiles() =>
        new(Directory.GetFiles(CaseFiles.Shared("iac", "live-describe-sg"), "*.json").Select(Path.GetFileName).OfType<string>().Order());

    public static TheoryData<string> BugCaseLiveFiles() => new(CaseFiles.BugCasesWithLive());

    [Theory]
    [MemberData(nameof(RecordedFiles))]
    public void ParseFile_WhenRecordedResponse_ShouldYieldOneAtomicRulePerPeer(string name)
    {
        // Given a recorded describe-security-groups response
        var path = CaseFiles.Shared("iac", "live-describe-sg", name);
        // When
        var result = LiveDescribeParser.ParseFile(path, name, "us-east-1");
        // Then every group is read, with one rule per peer, and nothing is reported as bad input
        result.Diagnostics.ShouldBeEmpty();
        result.Groups.Count.ShouldBe(CountGroups(path));
        result.Groups.Sum(g => g.Rules.Count).ShouldBe(CountPeers(path));
        result.Groups.ShouldAllBe(g => g.ResourceType == "live" && g.Key == g.GroupId && g.Region == "us-east-1");
    }

    [Theory]
    [MemberData(nameof(BugCaseLiveFiles))]
    public void ParseFile_WhenBugCaseLiveFile_ShouldReadEveryGroupCleanly(string caseId)
    {
        // Given the live side of a bug case
        var path = CaseFiles.Shared("bugs", caseId, "live.json");
        // When
        var result = LiveDescribeParser.ParseFile(path);
        // Then
        result.Diagnostics.ShouldBeEmpty();
        result.Groups.Count.ShouldBe(CountGroups(path));
        result.Groups.Sum(g => g.Rules.Count).ShouldBe(CountPeers(path));
    }

    [Fact]
    public void ParseFile_WhenPermissionHasTwoRangesAndAGroupPair_ShouldExpandToThreeRules()
    {
        // Given c7n's perm-expand response: one IpPermission with two IpRanges and one UserIdGroupPair
        var result = LiveDescribeParser.ParseFile(CaseFiles.Shared("iac", "live-describe-sg", "c7n-sg-perm-expand.describe-sg.json"));
        // When
        var group = result.Groups.Single(g => g.GroupId == "sg-e3842c8a");
        // Then
        group.Ingress.Select(r => r.ToString()).ShouldBe(
            ["sg-e3842c8a ingress tcp/443 10.42.1.0/24", "sg-e3842c8a ingress tcp/443 10.42.2.0/24", "sg-e3842c8a ingress tcp/443 sg-e2842c8b"],
            ignoreOrder: true);
    }

    [Fact]
    public void ParseFile_WhenCidrHasHostBits_ShouldClearThemAndKeepThePeerDescription()
    {
        // Given c7n's appelb response with CidrIp 192.168.0.1/31 (description "testcidr") and a prefix list in one permission
        var result = LiveDescribeParser.ParseFile(CaseFiles.Shared("iac", "live-describe-sg", "c7n-appelb-prefix-list.describe-sg.json"));
        // When
        var group = result.Groups.Single(g => g.GroupId == "sg-01a19f602ecaf25f4");
        // Then
        var cidr = group.Ingress.Single(r => r.Source is Cidr);
        cidr.Source.ShouldBe(new Cidr("192.168.0.0/31"));
        cidr.Description.ShouldBe("testcidr");
        group.Ingress.Single(r => r.Source is PrefixList).Source.ShouldBe(new PrefixList("pl-63a5400b"));
    }

    [Fact]
    public void ParseFile_WhenIcmpTypeWithAnyCode_ShouldKeepTypeAndCode()
    {
        // Given an ICMP permission FromPort 15 / ToPort -1 from another group
        var result = LiveDescribeParser.ParseFile(CaseFiles.Shared("iac", "live-describe-sg", "c7n-sg-config-patch-pitr.describe-sg.json"));
        // When
        var icmp = result.Groups.SelectMany(g => g.Rules).Single(r => r.Protocol == Protocols.Icmp && r.FromPort == 15);
        // Then
        icmp.ToPort.ShouldBe(-1);
        icmp.Source.ShouldBe(new GroupRef("sg-a08ed1dd"));
    }

    [Fact]
    public void Parse_WhenProtocolAllHasNoPorts_ShouldGiveNullPortsAndMarkDefaultGroup()
    {
        // Given a default group with EC2's default rules
        const string json = """
            {"SecurityGroups":[{"GroupId":"sg-1","GroupName":"default","VpcId":"vpc-1","OwnerId":"111122223333",
              "IpPermissions":[{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"sg-1","UserId":"111122223333"}]}],
              "IpPermissionsEgress":[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}],
              "Tags":[{"Key":"Name","Value":"main"}]}]}
            """;
        // When
        var group = LiveDescribeParser.Parse(json, "live.json").Groups.ShouldHaveSingleItem();
        // Then
        group.IsDefault.ShouldBeTrue();
        group.Tags["Name"].ShouldBe("main");
        group.Rules.ShouldAllBe(r => r.Protocol == Protocols.All && r.FromPort == null && r.ToPort == null);
        group.Ingress.Single().Source.ShouldBe(new GroupRef("sg-1"));
    }

    [Fact]
    public void Parse_WhenProtocolIsANumberWithAName_ShouldUseTheName()
    {
        // Given protocol 6 as a JSON number
        const string json = """{"SecurityGroups":[{"GroupId":"sg-1","IpPermissions":[{"IpProtocol":6,"FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]}]}""";
        // When
        var rule = LiveDescribeParser.Parse(json, "live.json").Groups.Single().Rules.ShouldHaveSingleItem();
        // Then
        rule.Protocol.ShouldBe(Protocols.Tcp);
    }

    [Theory]
    [InlineData("{", "invalid JSON")]
    [InlineData("[]", "not AWS CLI describe-security-groups output")]
    [InlineData("""{"SecurityGroups":{}}""", "\"SecurityGroups\" is not an array")]
    [InlineData("""{"SecurityGroups":[{"GroupName":"x"}]}""", "has no GroupId")]
    [InlineData("""{"SecurityGroups":[{"GroupId":"sg-1","IpPermissions":[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.300/8"}]}]}]}""", "invalid CIDR")]
    [InlineData("""{"SecurityGroups":[{"GroupId":"sg-1","IpPermissions":[{"IpProtocol":"bogus","IpRanges":[{"CidrIp":"10.0.0.0/8"}]}]}]}""", "unknown protocol")]
    public void Parse_WhenInputIsBad_ShouldReportADiagnosticNotThrow(string json, string message)
    {
        // Given bad input
        // When
        var result = LiveDescribeParser.Parse(json, "live.json");
        // Then
        result.Diagnostics.ShouldContain(d => d.Message.Contains(message) && d.File == "live.json");
    }

    [Fact]
    public void ParseFile_WhenFileIsMissing_ShouldReportADiagnostic()
    {
        // Given a path that does not exist
        // When
        var result = LiveDescribeParser.ParseFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json"), "missing.json");
        // Then
        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldStartWith("cannot read live file");
    }

    [Fact]
    public void Parse_WhenRuleListingGiven_ShouldAttachRuleIdsByKey()
    {
        // Given describe-security-groups output and describe-security-group-rules output for the same rule in one file
        const string json = """
            {"SecurityGroups":[{"GroupId":"sg-1","GroupName":"web","IpPermissions":[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]}]}],
             "SecurityGroupRules":[{"SecurityGroupRuleId":"sgr-0a","GroupId":"sg-1","IsEgress":false,"IpProtocol":"tcp","FromPort":443,"ToPort":443,"CidrIpv4":"10.0.0.0/8"},
                                   {"SecurityGroupRuleId":"sgr-0b","GroupId":"sg-1","IsEgress":true,"IpProtocol":"-1","FromPort":-1,"ToPort":-1,"ReferencedGroupInfo":{"GroupId":"sg-1","UserId":"1"}}]}
            """;
        // When
        var group = LiveDescribeParser.Parse(json, "live.json").Groups.ShouldHaveSingleItem();
        // Then the matching rule gets its id, and the rule only the listing knows is added
        group.Ingress.Single().RuleId.ShouldBe("sgr-0a");
        var egress = group.Egress.ShouldHaveSingleItem();
        egress.RuleId.ShouldBe("sgr-0b");
        egress.Source.ShouldBe(new GroupRef("sg-1"));
        egress.FromPort.ShouldBeNull();
    }

    [Fact]
    public void ParseRules_WhenRuleListingOnly_ShouldReadOneRulePerItem()
    {
        // Given describe-security-group-rules output with an IPv6 and a prefix-list rule
        const string json = """
            {"SecurityGroupRules":[{"SecurityGroupRuleId":"sgr-1","GroupId":"sg-9","IsEgress":false,"IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIpv6":"0:0:0:0:0:0:0:0/0","Description":"ssh v6"},
                                   {"SecurityGroupRuleId":"sgr-2","GroupId":"sg-9","IsEgress":true,"IpProtocol":"6","FromPort":443,"ToPort":443,"PrefixListId":"pl-1"}]}
            """;
        // When
        var (rules, diagnostics) = LiveDescribeParser.ParseRules(json, "rules.json");
        // Then
        diagnostics.ShouldBeEmpty();
        rules.Select(r => (r.RuleId, r.ToString(), r.Description)).ShouldBe(
            [("sgr-1", "sg-9 ingress tcp/22 ::/0", "ssh v6"), ("sgr-2", "sg-9 egress tcp/443 pl-1", (string?)null)]);
    }

    private static int CountGroups(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("SecurityGroups").GetArrayLength();
    }

    /// <summary>Peers per the EC2 API: every IpRange, Ipv6Range, PrefixListId and UserIdGroupPair is one rule.</summary>
    private static int CountPeers(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var n = 0;
        foreach (var g in doc.RootElement.GetProperty("SecurityGroups").EnumerateArray())
        foreach (var member in (string[])["IpPermissions", "IpPermissionsEgress"])
        {
            if (!g.TryGetProperty(member, out var perms)) continue;
            foreach (var p in perms.EnumerateArray())
            foreach (var list in (string[])["IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"])
                if (p.TryGetProperty(list, out var l)) n += l.GetArrayLength();
        }
        return n;
    }
}
