using System.Text.Json;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Live;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Model.Direction;
using static DriftGuard.Core.Tests.Drift.Declare;

namespace DriftGuard.Core.Tests.Drift;

/// <summary>
/// DriftAnalyzer against every ../shared/cases/bugs case that has a live.json. The declared groups are built here
/// by hand from each case's declared.* file (as the readers would produce them); the live side is the real live.json.
/// </summary>
public class DriftAnalyzerBugCaseTests
{
    private const string Vpc = "vpc-0a1b2c3d4e5f60789";

    public static TheoryData<string> Cases() => new(CaseFiles.BugCasesWithLive());

    [Fact]
    public void Cases_WhenBugCaseHasLiveFile_ShouldHaveAHandBuiltDeclaredSide()
    {
        // Given every bug case with a live side
        // When / Then each one is mirrored below, so a new case can't be skipped silently
        CaseFiles.BugCasesWithLive().Where(c => !DeclaredFor.ContainsKey(c.Substring(0, 2))).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyze_WhenBugCase_ShouldReportExactlyTheExpectedDrifts(string caseId)
    {
        // Given the case's declared groups, its live.json and its check options
        var dir = CaseFiles.Shared("bugs", caseId);
        var live = LiveDescribeParser.ParseFile(Path.Combine(dir, "live.json"));
        live.Diagnostics.ShouldBeEmpty();
        using var expect = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expect.json")));
        var check = expect.RootElement.GetProperty("check");
        var options = new DriftOptions
        {
            StackName = check.TryGetProperty("stack", out var s) ? s.GetString() : null,
            StackResources = check.TryGetProperty("stackResources", out var sr)
                ? StackResourcesParser.Parse(Path.Combine(dir, sr.GetString()!)).PhysicalIds
                : new Dictionary<string, string>(),
        };
        var expected = check.GetProperty("drifts").EnumerateArray().Select(Tuple).ToList();

        // When
        var result = new DriftAnalyzer().Analyze(DeclaredFor[caseId[..2]](), live.Groups, options);

        // Then (description-only changes count only where the case lists one)
        var actual = result.Drifts
            .Where(d => d.Kind != DriftKind.Changed || expected.Any(e => e.StartsWith("changed|", StringComparison.Ordinal)))
            .Select(d => $"{d.Kind.Name()}|{d.Rule?.Protocol}|{d.Rule?.FromPort}|{d.Rule?.Source.Canonical}")
            .ToList();
        actual.ShouldBe(expected, ignoreOrder: true);
    }

    private static string Tuple(JsonElement e)
    {
        var a = e.EnumerateArray().ToArray();
        string Part(JsonElement x) => x.ValueKind == JsonValueKind.Null ? "" : x.ValueKind == JsonValueKind.Number ? x.GetInt32().ToString() : x.GetString()!;
        return $"{Part(a[0])}|{Part(a[1])}|{Part(a[2])}|{Part(a[3])}";
    }

    private static readonly Dictionary<string, Func<IReadOnlyList<SecurityGroup>>> DeclaredFor = new()
    {
        // 01 declared.tfstate: aws_security_group.allow_tls with inline ingress/egress blocks.
        ["01"] = () =>
        [
            Tf("aws_security_group.allow_tls", "sg-0c1a0000000000001", "allow_tls", Vpc,
               Out("aws_security_group.allow_tls", "-1", "0", "0", "aws_security_group.allow_tls", cidr: ["0.0.0.0/0"], v6: ["::/0"], desc: ""),
               In("aws_security_group.allow_tls", "tcp", "443", "443", "aws_security_group.allow_tls", cidr: ["10.0.0.0/16"], desc: "TLS from VPC")),
        ],
        // 02 declared.tfstate: group nodes + two aws_security_group_rule with self = true (icmp -1/-1, tcp 0-65535).
        ["02"] = () =>
        [
            Tf("aws_security_group.nodes", "sg-06906a46ec5440631", "nodes", Vpc,
               Out("aws_security_group.nodes", "-1", "0", "0", "aws_security_group.nodes", cidr: ["0.0.0.0/0"], desc: ""),
               In("aws_security_group.nodes", "icmp", "-1", "-1", "aws_security_group_rule.nodes_icmp_self", self: true),
               In("aws_security_group.nodes", "tcp", "0", "65535", "aws_security_group_rule.nodes_tcp_self", self: true)),
        ],
        // 04 declared.plan.json: two standalone rules only, targeting sg-0d2dce56a9ae74b01 (placeholder group keyed by the id).
        ["04"] = () =>
        [
            Tf("sg-0d2dce56a9ae74b01", null, null, null,
               Out("sg-0d2dce56a9ae74b01", "-1", "8080", "8080", "aws_security_group_rule.keyed", sg: ["sg-05d20887cf5fce2ef"],
                   desc: "Allow platform-network-test-dest to reach ECS platform-network-test-destination"),
               In("sg-0d2dce56a9ae74b01", "-1", "8080", "8080", "aws_security_group_rule.public_app", cidr: ["0.0.0.0/0"], desc: "app port for the world")),
        ],
        // 05 declared.tfstate: group instance_access + standalone udp 0-0 egress and tcp 0-0 ingress.
        ["05"] = () =>
        [
            Tf("aws_security_group.instance_access", "sg-0b7e00d1c2a3f4e05", "instance-access", Vpc,
               Out("aws_security_group.instance_access", "udp", "0", "0", "aws_security_group_rule.allow_internal_udp_egress",
                   cidr: ["10.0.0.0/8"], desc: "allow internal udp traffic (on all ports)"),
               In("aws_security_group.instance_access", "tcp", "0", "0", "aws_security_group_rule.tcp_zero_from_world",
                  cidr: ["0.0.0.0/0"], desc: "meant to be all tcp ports")),
        ],
        // 07 declared.yaml: MixedProtocols with protocols 6, "17", 1, "58", "47"; no SecurityGroupEgress (default egress kept).
        ["07"] = () =>
        [
            CfnGroup("MixedProtocols", Vpc, "protocols by number", egressDeclared: false,
                In("MixedProtocols", "6", "22", "22", "MixedProtocols", cidr: ["0.0.0.0/0"]),
                In("MixedProtocols", "17", "53", "53", "MixedProtocols", cidr: ["10.0.0.0/8"]),
                In("MixedProtocols", "1", "8", "-1", "MixedProtocols", cidr: ["10.0.0.0/8"]),
                In("MixedProtocols", "58", "-1", "-1", "MixedProtocols", v6: ["fd00::/8"]),
                In("MixedProtocols", "47", null, null, "MixedProtocols", cidr: ["10.0.0.0/8"])),
        ],
        // 09 declared.plan.json: three standalone icmp rules targeting sg-0c3f1e2d4b5a69009.
        ["09"] = () =>
        [
            Tf("sg-0c3f1e2d4b5a69009", null, null, null,
               Out("sg-0c3f1e2d4b5a69009", "icmp", "8", "8", "aws_security_group_rule.egress_icmp", cidr: ["10.0.0.0/8"]),
               In("sg-0c3f1e2d4b5a69009", "icmp", "8", "-1", "aws_security_group_rule.ping_from_anywhere", cidr: ["0.0.0.0/0"], desc: "echo request"),
               In("sg-0c3f1e2d4b5a69009", "icmp", "3", "-1", "aws_security_group_rule.unreachable", cidr: ["0.0.0.0/0"], desc: "destination unreachable (PMTUD)")),
        ],
        // 10 declared.tfstate: group vault + standalone vault-ssh from sg-0b45710400000c010.
        ["10"] = () =>
        [
            Tf("aws_security_group.vault", "sg-0a11f00d00000c010", "prod-vault", Vpc,
               In("aws_security_group.vault", "tcp", "22", "22", "aws_security_group_rule.vault-ssh", sg: ["sg-0b45710400000c010"])),
        ],
        // 15 declared.tfstate: group web (inline egress to 0/0 and ::/0) + https (0/0, ::/0) and ssh_v6 (::/0) rules.
        ["15"] = () =>
        [
            Tf("aws_security_group.web", "sg-0123456789abc0015", "web", Vpc,
               Out("aws_security_group.web", "-1", "0", "0", "aws_security_group.web", cidr: ["0.0.0.0/0"], v6: ["::/0"], desc: ""),
               In("aws_security_group.web", "tcp", "443", "443", "aws_security_group_rule.https", cidr: ["0.0.0.0/0"], v6: ["::/0"]),
               In("aws_security_group.web", "tcp", "22", "22", "aws_security_group_rule.ssh_v6", v6: ["::/0"], desc: "admin over IPv6")),
        ],
        // 17 declared.tfstate: partner + aws_security_group_rule (two /32s) + aws_vpc_security_group_ingress_rule (/29).
        ["17"] = () =>
        [
            Tf("aws_security_group.partner", "sg-0d1c2b3a4f5e6d017", "partner-access", Vpc,
               In("aws_security_group.partner", "tcp", "22", "22", "aws_security_group_rule.allow_partner_rsync", cidr: ["198.51.100.4/32", "203.0.113.7/32"]),
               In("aws_security_group.partner", "tcp", "5432", "5432", "aws_vpc_security_group_ingress_rule.segment_io_to_telemetrydb",
                  cidr: ["203.0.113.96/29"], desc: "Allow inbound from a SaaS vendor to the telemetry DB")),
        ],
        // 21 declared.tfstate: corp_access + aws_vpc_security_group_ingress_rule -1 from a prefix list.
        ["21"] = () =>
        [
            Tf("aws_security_group.corp_access", "sg-0f00ba4000000d021", "corp-access", Vpc,
               In("aws_security_group.corp_access", "-1", null, null, "aws_vpc_security_group_ingress_rule.from_corp",
                  pl: ["pl-0bb6fa005053d29a9"], desc: "corporate offices")),
        ],
        // 22 declared.yaml: AppSecurityGroup (inline ingress + egress) + standalone AppFromLb (!Ref LbSecurityGroup);
        //    LbSecurityGroup without rules keeps EC2's default egress.
        ["22"] = () =>
        [
            CfnGroup("AppSecurityGroup", Vpc, "app", egressDeclared: true,
                In("AppSecurityGroup", "tcp", "443", "443", "AppSecurityGroup", cidr: ["10.0.0.0/8"]),
                Out("AppSecurityGroup", "tcp", "443", "443", "AppSecurityGroup", cidr: ["0.0.0.0/0"]),
                In("AppSecurityGroup", "tcp", "8080", "8080", "AppFromLb", sg: ["LbSecurityGroup"], desc: "from ${LbSecurityGroup}")),
            CfnGroup("LbSecurityGroup", Vpc, "load balancer", egressDeclared: false),
        ],
        // 24 declared.yaml: InstanceSecurityGroup (default VPC, no VpcId) + standalone InboundRule whose
        //    SourceSecurityGroupName is !Ref InstanceSecurityGroup (the group's name in a default VPC).
        ["24"] = () =>
        [
            CfnGroup("InstanceSecurityGroup", null, "Allow http to client host", egressDeclared: false,
                In("InstanceSecurityGroup", "tcp", "0", "0", "InboundRule", sg: ["InstanceSecurityGroup"])),
        ],
        // 26 declared.plan.json: aws_security_group.bastion with unknown id; IPv6 any written 0:0:0:0:0:0:0:0/0.
        ["26"] = () =>
        [
            Tf("aws_security_group.bastion", null, "bastion", Vpc,
               Out("aws_security_group.bastion", "-1", "0", "0", "aws_security_group.bastion", cidr: ["0.0.0.0/0"], desc: ""),
               In("aws_security_group.bastion", "tcp", "80", "80", "aws_security_group.bastion", cidr: ["0.0.0.0/0"], desc: "http"),
               In("aws_security_group.bastion", "tcp", "22", "22", "aws_security_group.bastion", v6: ["0:0:0:0:0:0:0:0/0"], desc: "ssh v6")),
        ],
    };
}
