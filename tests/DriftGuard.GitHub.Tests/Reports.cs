using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;

namespace DriftGuard.GitHub.Tests;

/// <summary>Small hand-made reports for renderer tests.</summary>
internal static class Reports
{
    public static Finding Finding(string resource = "aws_security_group.app", string file = "iac/insecure/terraform/plan.json", int line = 12,
                                  string policyId = "DG-SG-001", Severity severity = Severity.High, string title = "SSH open to the internet",
                                  string? description = null, string source = "0.0.0.0/0", int port = 22)
    {
        var origin = new SourceLocation(file, line, resource);
        var group = new SecurityGroup(resource) { Origin = origin, Description = description };
        var rule = new SgRule(resource, Direction.Ingress, "tcp", port, port, new Cidr(source)) { Origin = origin, Description = description };
        return new Finding(policyId, severity, title, ["CIS-AWS-5.2"], group, rule) { Message = $"{resource} allows SSH from {source}." };
    }

    public static ScanReport Gate(params Finding[] findings) => new("gate")
    {
        Findings = findings,
        Groups = findings.Select(f => f.Group).ToList(),
        ExitCode = findings.Any(f => f.Fails(Severity.High)) ? 1 : 0,
        GeneratedAt = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero),
    };
}
