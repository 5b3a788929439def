namespace DriftGuard.Cli.Tests.Check;

public sealed class CheckLedgerTargetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-ledger-target-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Check_WhenLedgerPathIsSomeOtherFile_ShouldRefuseAndLeaveItUnchanged()
    {
        // Given a file that is not a ledger (a README given by mistake)
        var notALedger = Path.Combine(_dir, "README.md");
        File.WriteAllText(notALedger, "# Project\n\nSome text.\n");
        var before = File.ReadAllText(notALedger);
        // When
        var result = CliRunner.Run("check", "--iac", "iac/compliant/terraform/terraform.tfstate", "--live-file", "iac/live/shop-ssh-opened.json",
                                   "--ledger", notALedger, "--format", "json");
        // Then
        result.Error.ShouldContain("not a DriftGuard ledger");
        File.ReadAllText(notALedger).ShouldBe(before);
    }
}
