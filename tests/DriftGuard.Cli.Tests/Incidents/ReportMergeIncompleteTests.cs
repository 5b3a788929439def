using DriftGuard.Core.Model;
using DriftGuard.Core.Reports;

namespace DriftGuard.Cli.Tests.Incidents;

/// <summary><c>report --merge</c> of a check that could not read everything must not read as a clean period.</summary>
public sealed class ReportMergeIncompleteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-merge-incomplete-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Report_WhenAMergedCheckCarriesAnAlert_ShouldSayTheCheckWasIncomplete()
    {
        // Given a matrix job's check result that could not read eu-west-1 (exit 3, no drift found in what it read)
        var path = Path.Combine(_dir, "job-eu.json");
        using (var w = new StreamWriter(path))
            new JsonReportWriter().Write(new ScanReport("check")
            {
                GeneratedAt = DateTimeOffset.Parse("2026-11-29T12:00:00Z"),
                Alerts = [new Diagnostic("aws:eu-west-1", 0, "ec2:DescribeSecurityGroups: UnauthorizedOperation")],
            }, w);
        // When
        var result = CliRunner.Run("report", "--merge", path);
        // Then the report and stderr say so, instead of a quiet "no incidents"
        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldContain("this check was incomplete (aws:eu-west-1: ec2:DescribeSecurityGroups: UnauthorizedOperation)");
        result.Out.ShouldContain("this check was incomplete");
    }

    [Fact]
    public void Report_WhenNoLineOfTheLedgerIsAnEntry_ShouldExitTwoInsteadOfAnEmptyReport()
    {
        // Given a "ledger" that is the cut-off first bytes of one
        var path = Path.Combine(_dir, "ledger.jsonl");
        File.WriteAllText(path, "{\"event\":\"detected\",\"fingerprint\":\"a587a4");
        // When
        var result = CliRunner.Run("report", "--ledger", path);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("no line of it is a ledger entry");
        result.Error.ShouldContain("error: no ledger or result could be read");
    }
}
