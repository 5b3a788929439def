using System.Net;
using System.Net.Sockets;

namespace DriftGuard.Cli.Tests.Inputs;

/// <summary>Problems that used to print "internal error: &lt;.NET exception&gt;" give one clear line and the right exit code.</summary>
public sealed class OneLineFailureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-one-line-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string State = Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate");

    private static void ShouldBeOneClearLine(CliRunner.Result result, string expected)
    {
        result.Error.ShouldNotContain("internal error");
        result.Error.ShouldNotContain("Exception");
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal))
            .ShouldHaveSingleItem().ShouldContain(expected);
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("-1")]
    public void Demo_WhenPortIsOutOfRange_ShouldSayTheRangeAndExitTwo(string port)
    {
        // When
        var result = CliRunner.Run("demo", "--port", port);
        // Then
        result.ExitCode.ShouldBe(2);
        ShouldBeOneClearLine(result, $"error: --port {port}: use 0 (any free port) to 65535");
    }

    [Fact]
    public void Demo_WhenPortIsInUse_ShouldSayItCannotListenAndExitTwo()
    {
        // Given: another process holds the port
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        // When
        var result = CliRunner.Run("demo", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Then
        result.ExitCode.ShouldBe(2);
        ShouldBeOneClearLine(result, $"error: cannot listen on 127.0.0.1:{port}: ");
    }

    [Fact]
    public void Check_WhenBaselineFolderDoesNotExist_ShouldCreateItAndWriteTheBaseline()
    {
        // Given
        var baseline = Path.Combine(_dir, "new", "folder", "baseline.json");
        // When
        var result = CliRunner.Run("check", "--iac", State, "--live-file", Repo.Path_("iac", "live", "shop-ssh-opened.json"), "--write-baseline", baseline);
        // Then
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldNotContain("error:");
        File.ReadAllText(baseline).ShouldContain("\"kind\": \"unmanaged\"");
    }

    [Fact]
    public void Check_WhenBaselineCannotBeWritten_ShouldSayWhyAndExitTwo()
    {
        // Given: a file where the folder should be
        var blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "");
        var baseline = Path.Combine(blocker, "baseline.json");
        // When
        var result = CliRunner.Run("check", "--iac", State, "--live-file", Repo.Path_("iac", "live", "shop-in-sync.json"), "--write-baseline", baseline);
        // Then
        result.ExitCode.ShouldBe(2);
        ShouldBeOneClearLine(result, $"error: {baseline}: cannot write baseline: ");
    }

    [Fact]
    public void Check_WhenLedgerIsDevFull_ShouldSayTheAppendFailedInOneLine()
    {
        // Given: a device that reads as endless zeros and refuses every write
        if (!File.Exists("/dev/full")) return;
        // When
        var result = CliRunner.Run("check", "--iac", State, "--live-file", Repo.Path_("iac", "live", "shop-ssh-opened.json"), "--ledger", "/dev/full");
        // Then: the drift's exit code stands, and the ledger failure is one line
        result.ExitCode.ShouldBe(1);
        ShouldBeOneClearLine(result, "error: /dev/full: cannot append to ledger: No space left on device");
    }

    [Fact]
    public void Gate_WhenJobSummaryCannotBeWritten_ShouldWarnAndKeepTheExitCode()
    {
        // Given: GitHub Actions with a summary path whose folder does not exist
        var summary = Path.Combine(_dir, "nodir", "summary.md");
        var env = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };
        // When
        var result = CliRunner.RunIn(null, env, "gate", "iac/insecure");
        // Then: the SSH finding still fails the gate with 1, not 2
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldNotContain("internal error");
        result.Error.ShouldContain($"warning: GITHUB_STEP_SUMMARY {summary}: job summary not written: ");
        result.Out.ShouldContain("::error file=iac/insecure/");
    }

    [Fact]
    public void ReportMerge_WhenFileIsSarif_ShouldSayWhatTheFileShouldBeWithoutInternalTypeNames()
    {
        // Given: a SARIF log passed where a check result belongs
        var sarif = Path.Combine(_dir, "x.sarif");
        File.WriteAllText(sarif, """{"version": "2.1.0", "runs": []}""");
        // When
        var result = CliRunner.RunIn(_dir, null, "report", "--merge", "x.sarif");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("x.sarif:1:20: not a DriftGuard JSON result (the output of driftguard check --format json): unexpected value at $.version");
        result.Error.ShouldNotContain("DriftGuard.Core");
        result.Error.ShouldNotContain("LineNumber");
    }

    [Fact]
    public void Check_WhenLiveFileHasASyntaxError_ShouldGiveFileLineColumnAndTheMessageAlone()
    {
        // Given
        File.WriteAllText(Path.Combine(_dir, "live.json"), "{\n  \"SecurityGroups\": [ {\"GroupId\": \"sg-1\",, } ]\n}");
        // When
        var result = CliRunner.RunIn(_dir, null, "check", "--iac", State, "--live-file", "live.json");
        // Then
        result.ExitCode.ShouldBe(2);
        ShouldBeOneClearLine(result, "live.json:2:42: invalid JSON: ',' is an invalid start of a property name. Expected a '\"'");
        result.Error.ShouldNotContain("BytePositionInLine");
    }
}
