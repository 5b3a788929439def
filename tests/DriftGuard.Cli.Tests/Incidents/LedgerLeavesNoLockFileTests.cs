namespace DriftGuard.Cli.Tests.Incidents;

/// <summary>A ledger folder holds the ledger and nothing else after check writes it and report reads it.</summary>
public sealed class LedgerLeavesNoLockFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-ledger-lock-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CheckThenReport_WhenTheLedgerIsWrittenAndRead_ShouldLeaveNoLockFileBesideIt()
    {
        // Given
        var ledger = Path.Combine(_dir, "drift-ledger.jsonl");
        var check = CliRunner.Run("check", "--iac", "iac/compliant/terraform/terraform.tfstate", "--live-file", "iac/live/shop-ssh-opened.json",
                                  "--ledger", ledger, "--format", "json");
        check.ExitCode.ShouldBe(1, check.Error);
        // When
        var report = CliRunner.Run("report", "--ledger", ledger);
        // Then
        report.ExitCode.ShouldBe(0, report.Error);
        Directory.GetFiles(_dir).Select(Path.GetFileName).ShouldBe(["drift-ledger.jsonl"]);
    }

    [Fact]
    public void Report_WhenTheLedgerDoesNotExist_ShouldCreateNothing()
    {
        // When
        CliRunner.Run("report", "--ledger", Path.Combine(_dir, "none.jsonl"));
        // Then
        Directory.GetFileSystemEntries(_dir).ShouldBeEmpty();
    }
}
