using DriftGuard.Core.Drift;
using DriftGuard.Core.Ledger;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Ledger;

/// <summary>Drifts and runs for ledger and incident tests: an SSH-from-anywhere rule on a Terraform group, and a fixed clock.</summary>
internal static class LedgerSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static SecurityGroup App { get; } = new("aws_security_group.app") { GroupId = "sg-0app" };

    public static DriftItem Ssh(string group = "sg-0app", int port = 22, string region = "us-east-1", string account = "123456789012")
    {
        var rule = new SgRule(group, Direction.Ingress, Protocols.Tcp, port, port, Cidr.Parse("0.0.0.0/0")) { Description = "debugging" };
        var finding = new Finding("DG-SG-001", Severity.Critical, "Security groups should not allow SSH or RDP from the internet",
            ["AWS-SecurityHub-EC2.13", "NIST-800-53-SC-7"], App with { GroupId = group }, rule);
        return new DriftItem(DriftKind.Unmanaged, group, rule)
        {
            Region = region,
            Account = account,
            Resource = "aws_security_group.app",
            File = "iac/main.tf",
            Line = 12,
            LiveDescription = "debugging",
            Findings = [finding],
            Severity = Severity.Critical,
            Fingerprint = DriftFingerprint.Compute(account, region, group, DriftKind.Unmanaged, rule),
        };
    }

    public static LedgerRun Run(string command, TimeSpan after, string? by = null) => LedgerRun.Start(command, T0 + after, by);

    public static string TempFile(string name = "ledger.jsonl") =>
        Path.Combine(Directory.CreateTempSubdirectory("driftguard-ledger-test-").FullName, name);
}
