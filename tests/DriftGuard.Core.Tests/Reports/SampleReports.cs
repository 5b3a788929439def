using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;

namespace DriftGuard.Core.Tests.Reports;

/// <summary>
/// Sample reports built in code: a check with findings of every severity, a waived and an expired-waiver finding,
/// a group-level finding, drifts of every kind (one accepted), warnings, errors, alerts and skipped files, with
/// hostile strings in descriptions and waiver reasons. Time and tool version are fixed so output is stable.
/// </summary>
internal static class SampleReports
{
    public const string BaseDirectory = "/repo";
    public static readonly DateTimeOffset GeneratedAt = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private const string MainTf = "iac/main.tf";
    private const string CfnStack = "iac/cfn stack.yaml";

    public static SecurityGroup Web { get; } = new("aws_security_group.web")
    {
        GroupId = "sg-0web",
        Name = "web",
        Description = "Web | tier <b>@ops</b>",
        Origin = new SourceLocation(MainTf, 10, "aws_security_group.web"),
    };

    public static SecurityGroup Db { get; } = new("aws_security_group.db")
    {
        GroupId = "sg-0db",
        Name = "db",
        Origin = new SourceLocation(MainTf, 40, "aws_security_group.db"),
    };

    public static SecurityGroup App { get; } = new("AppSg")
    {
        GroupId = "sg-0app",
        ResourceType = "AWS::EC2::SecurityGroup",
        Origin = new SourceLocation(CfnStack, 5, "AppSg"),
    };

    public static SgRule Rule(SecurityGroup group, Direction direction, string protocol, int? from, int? to, RuleSource source, int line) =>
        new(group.Key, direction, protocol, from, to, source) { Origin = new SourceLocation(group.Origin!.File, line, group.Origin.Resource) };

    public static Finding Finding(string policyId, Severity severity, string title, SecurityGroup group, SgRule? rule) =>
        new(policyId, severity, title, ["CIS-AWS-5.2", "AWS-SecurityHub-EC2.13"], group, rule) { Message = title + "." };

    public static ScanReport Check() => new("check")
    {
        ToolVersion = "1.2.3",
        GeneratedAt = GeneratedAt,
        Inputs = [MainTf, CfnStack, "iac/broken.tf.json"],
        Groups = [Web, Db, App],
        FailOn = Severity.High,
        ExitCode = ExitCodes.Findings,
        Findings =
        [
            Finding("DG-SG-010", Severity.Low, "ICMP open to the internet", App,
                    Rule(App, Direction.Ingress, Protocols.Icmp, 8, 0, Cidr.Parse("0.0.0.0/0"), 12)),
            Finding("DG-SG-001", Severity.High, "SSH open to the internet", Web,
                    Rule(Web, Direction.Ingress, Protocols.Tcp, 22, 22, Cidr.Parse("0.0.0.0/0"), 14)),
            Finding("DG-SG-003", Severity.Critical, "All traffic open to the internet", Web,
                    Rule(Web, Direction.Ingress, Protocols.All, null, null, Cidr.Parse("::/0"), 20)),
            Finding("DG-SG-002", Severity.Medium, "RDP open to an unknown range", App,
                    Rule(App, Direction.Ingress, Protocols.Tcp, 3389, 3389, new UnknownSource("cidr", "!Ref AdminCidr"), 18))
                with { Waived = true, WaiverReason = "Bastion host | SEC-1234 (owner @alice) <script>" },
            Finding("DG-SG-007", Severity.Medium, "Non-TCP/UDP protocol open broadly", Db,
                    Rule(Db, Direction.Ingress, "50", null, null, Cidr.Parse("10.0.0.0/8"), 44))
                with { WaiverExpired = true, WaiverReason = "IPsec trial, expired 2026-01-31" },
            Finding("DG-SG-020", Severity.Low, "Default security group in use", Db, null),
        ],
        Drifts =
        [
            new DriftItem(DriftKind.Changed, "sg-0app",
                          Rule(App, Direction.Ingress, Protocols.Icmp, 8, 0, Cidr.Parse("0.0.0.0/0"), 12) with { Description = "ping" })
            {
                Region = "eu-west-1", Account = "123456789012", Resource = "AppSg", File = CfnStack, Line = 12,
                DeclaredDescription = "ping", LiveDescription = "ping from `anywhere` | @everyone", Severity = Severity.Low,
                Fingerprint = "fp-changed",
            },
            new DriftItem(DriftKind.Unmanaged, "sg-0web",
                          new SgRule("sg-0web", Direction.Ingress, Protocols.Tcp, 0, 65535, Cidr.Parse("0.0.0.0/0"))
                          { RuleId = "sgr-0001", Description = "opened by @bob | hotfix <script>alert(1)</script>" })
            {
                Region = "eu-west-1", Account = "123456789012", Resource = "aws_security_group.web", File = MainTf, Line = 10,
                Severity = Severity.Critical, Fingerprint = "fp-unmanaged",
                Findings = [Finding("DG-SG-004", Severity.Critical, "All TCP ports open to the internet", Web, null)],
            },
            new DriftItem(DriftKind.Unmanaged, "sg-0db",
                          new SgRule("sg-0db", Direction.Ingress, Protocols.Tcp, 5432, 5432, new GroupRef("sg-0web")) { RuleId = "sgr-0002" })
            {
                Region = "eu-west-1", Account = "123456789012", Resource = "aws_security_group.db",
                Severity = Severity.Medium, Accepted = true, Fingerprint = "fp-accepted",
            },
            new DriftItem(DriftKind.Missing, "sg-0db",
                          Rule(Db, Direction.Egress, Protocols.Udp, 53, 53, new PrefixList("pl-0123"), 48))
            {
                Region = "eu-west-1", Account = "123456789012", Resource = "aws_security_group.db", File = MainTf, Line = 48,
                Severity = Severity.Medium,
            },
            new DriftItem(DriftKind.UnmanagedGroup, "sg-0rogue", null)
            {
                Region = "eu-west-1", Account = "123456789012", Severity = Severity.High, Fingerprint = "fp-rogue",
            },
            new DriftItem(DriftKind.MissingGroup, "sg-0old", null)
            {
                Region = "eu-west-1", Account = "123456789012", Resource = "aws_security_group.old", File = MainTf, Line = 60,
                Severity = Severity.Medium, Fingerprint = "fp-old",
            },
        ],
        Warnings = [new Diagnostic(MainTf, 22, "from_port and to_port are ignored for protocol -1")],
        Errors = [new Diagnostic("iac/broken.tf.json", 3, "unexpected character '<' at column 7")],
        Alerts = [new Diagnostic("ap-south-1", 0, "AccessDenied: ec2:DescribeSecurityGroups")],
        Skipped = ["iac/notes.txt", "README.md"],
    };

    public static ScanReport CleanGate() => new("gate")
    {
        ToolVersion = "1.2.3",
        GeneratedAt = GeneratedAt,
        Inputs = [MainTf],
        Groups = [Web, Db],
        FailOn = Severity.High,
        ExitCode = ExitCodes.Ok,
    };

    public static string Render(IReportWriter writer, ScanReport report)
    {
        var output = new StringWriter { NewLine = "\n" };
        writer.Write(report, output);
        return output.ToString();
    }
}
