using DriftGuard.Core.Declared;
using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

/// <summary>
/// The policy side of the field cases in ../shared/cases/bugs, with their rules written as raw IaC values and
/// canonicalised by <see cref="AtomicRuleFactory"/> (the reader-independent part of each case).
/// </summary>
public sealed class FieldCasePolicyTests
{
    private static SecurityGroup Group(string key, params RawRule[] raws) => new(key)
    {
        Origin = new SourceLocation("declared", 1, key),
        Rules = [.. raws.SelectMany(r => AtomicRuleFactory.Expand(r).Rules)],
    };

    private static RawRule Raw(string group, string protocol, string? from, string? to, string[]? cidrs = null, string[]? ipv6 = null,
                               Direction direction = Direction.Ingress, string? resource = null) => new()
    {
        Group = group,
        Direction = direction,
        Protocol = RawValue.Of(protocol),
        FromPort = from is null ? RawValue.Missing : RawValue.Of(from),
        ToPort = to is null ? RawValue.Missing : RawValue.Of(to),
        Cidrs = [.. (cidrs ?? []).Select(RawValue.Of)],
        Ipv6Cidrs = [.. (ipv6 ?? []).Select(RawValue.Of)],
        Origin = new SourceLocation("declared", 2, resource ?? group),
    };

    private static List<Finding> Gate(params SecurityGroup[] groups) =>
        [.. new PolicyEngine(PolicyConfig.Default, Today).Evaluate(groups).Findings.Where(f => f.Fails(Severity.High))];

    private static bool Covers(Finding f, int port, string source) =>
        f.Rule is { } r && r.CoversPort(port) && r.Source.Canonical == source;

    [Fact]
    public void Evaluate_WhenProtocolMinus1WithPorts8080_ShouldFailForSshFromWorld()
    {
        // Given case 04: protocol -1 with from/to 8080 (EC2 opens every port)
        var group = Group("aws_security_group.public_app", Raw("aws_security_group.public_app", "-1", "8080", "8080", ["0.0.0.0/0"]));

        // When
        var gate = Gate(group);

        // Then
        gate.ShouldContain(f => f.PolicyId == "DG-SG-001" && Covers(f, 22, "0.0.0.0/0"));
        gate.ShouldContain(f => f.PolicyId == "DG-SG-002");
    }

    [Fact]
    public void Evaluate_WhenTcpAndUdpPort0_ShouldNotReportSshRdpOrAllPorts()
    {
        // Given case 05: tcp 0-0 from the world, udp 0-0 egress
        var group = Group("aws_security_group.zero",
            Raw("aws_security_group.zero", "tcp", "0", "0", ["0.0.0.0/0"]),
            Raw("aws_security_group.zero", "udp", "0", "0", ["10.0.0.0/8"], direction: Direction.Egress));

        // When
        var findings = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings;

        // Then only the unauthorized-port policy speaks, about port 0
        findings.ShouldNotContain(f => Covers(f, 22, "0.0.0.0/0") || Covers(f, 3389, "0.0.0.0/0"));
        findings.Select(f => f.PolicyId).ShouldBe(["DG-SG-004"]);
    }

    [Fact]
    public void Evaluate_WhenProtocolWrittenAsNumber6_ShouldFailForSsh()
    {
        // Given case 07: IpProtocol 6 for SSH, and 47 (GRE) from the world
        var group = Group("DemoSG", Raw("DemoSG", "6", "22", "22", ["0.0.0.0/0"]), Raw("DemoSG", "47", null, null, ["0.0.0.0/0"]));

        // When
        var gate = Gate(group);

        // Then SSH fails; GRE gives nothing at high
        gate.ShouldContain(f => f.PolicyId == "DG-SG-001" && Covers(f, 22, "0.0.0.0/0"));
        gate.ShouldAllBe(f => f.Rule!.Protocol == Protocols.Tcp);
    }

    [Fact]
    public void Evaluate_WhenIcmpTypeAndCode_ShouldNotReportAnyFinding()
    {
        // Given case 09: ICMP type 8 and type 3 from the world
        var group = Group("aws_security_group.icmp",
            Raw("aws_security_group.icmp", "icmp", "8", "-1", ["0.0.0.0/0"]),
            Raw("aws_security_group.icmp", "icmp", "3", "-1", ["0.0.0.0/0"]));

        // When
        var findings = new PolicyEngine(PolicyConfig.Default, Today).Evaluate([group]).Findings;

        // Then
        findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_WhenCloudFormationPortsAreQuotedStrings_ShouldFailForSshAndRdp()
    {
        // Given case 13: FromPort '22' and a 3380-3390 range, as strings
        var group = Group("DemoSecurityGroup",
            Raw("DemoSecurityGroup", "tcp", "22", "22", ["0.0.0.0/0"]),
            Raw("DemoSecurityGroup", "tcp", "3380", "3390", ["0.0.0.0/0"]));

        // When
        var gate = Gate(group);

        // Then
        gate.ShouldContain(f => f.PolicyId == "DG-SG-001" && Covers(f, 22, "0.0.0.0/0"));
        gate.ShouldContain(f => f.PolicyId == "DG-SG-001" && Covers(f, 3389, "0.0.0.0/0"));
    }

    [Fact]
    public void Evaluate_WhenIpv6WorldWrittenLongForm_ShouldFailForSshFromIpv6World()
    {
        // Given cases 15 and 26: SSH open only over IPv6, spelled 0:0:0:0:0:0:0:0/0; 443 open on both families
        var group = Group("aws_security_group.web",
            Raw("aws_security_group.web", "tcp", "22", "22", ipv6: ["0:0:0:0:0:0:0:0/0"]),
            Raw("aws_security_group.web", "tcp", "443", "443", ["0.0.0.0/0"], ["::/0"]));

        // When
        var gate = Gate(group);

        // Then SSH fails via ::/0, and nothing at high involves 0.0.0.0/0
        gate.ShouldContain(f => f.PolicyId == "DG-SG-001" && Covers(f, 22, "::/0"));
        gate.ShouldNotContain(f => f.Rule!.Source.Canonical == "0.0.0.0/0");
    }

    [Fact]
    public void Evaluate_WhenSpecificPublicAddresses_ShouldNotReportAtHigh()
    {
        // Given case 17: /32s and a /29 on SSH
        var group = Group("aws_security_group.ops",
            Raw("aws_security_group.ops", "tcp", "22", "22", ["52.1.2.3/32", "198.51.100.8/29"]));

        // When / Then
        Gate(group).ShouldBeEmpty();
    }
}
