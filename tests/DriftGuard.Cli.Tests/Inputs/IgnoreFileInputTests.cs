using System.Diagnostics;
using System.Text;

namespace DriftGuard.Cli.Tests.Inputs;

/// <summary><c>check --ignore-file</c> with a broken or hostile file: one line naming file and line, exit 2, quickly.</summary>
public sealed class IgnoreFileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-ignore-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CliRunner.Result Check(byte[] ignoreFile)
    {
        File.WriteAllBytes(Path.Combine(_dir, "ignore"), ignoreFile);
        return CliRunner.RunIn(_dir, null, "check", "--iac", Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"),
                               "--live-file", Repo.Path_("iac", "live", "shop-in-sync.json"), "--ignore-file", "ignore");
    }

    private static string[] ErrorLines(CliRunner.Result result) =>
        [.. result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal))];

    [Fact]
    public void Check_WhenIgnoreFileIsBinary_ShouldPrintOneLineWithoutItsBytesAndExitTwo()
    {
        // When
        var result = Check([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x1B, 0x5B, 0x32, 0x4A, 0x3A, 0x3A, 0x0A, 0xFF, 0xFE]);
        // Then
        result.ExitCode.ShouldBe(2);
        ErrorLines(result).ShouldHaveSingleItem().ShouldEndWith("ignore: binary file, not a text ignore file (one pattern a line)");
        result.Error.ShouldNotContain("\u001b");
    }

    [Fact]
    public void Check_WhenIgnoreFileIsOneHugeLine_ShouldRefuseItWithinASecond()
    {
        // Given: one 800 KB line of stars and characters (80 s with the old backtracking matcher)
        var line = string.Concat(Enumerable.Repeat("a*", 400_000));
        // When
        var watch = Stopwatch.StartNew();
        var result = Check(Encoding.UTF8.GetBytes(line + "\n"));
        watch.Stop();
        // Then
        result.ExitCode.ShouldBe(2);
        ErrorLines(result).ShouldHaveSingleItem().ShouldEndWith("ignore:1: pattern is 800000 characters long; the limit is 1024");
        watch.ElapsedMilliseconds.ShouldBeLessThan(5000);
    }

    [Fact]
    public void Check_WhenIgnoreFileIsLargerThanOneMebibyte_ShouldExitTwoNamingTheLine()
    {
        // When: 2 MiB of short, valid lines
        var result = Check(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("sg-0123456789abcdef0\n", 100_000))));
        // Then
        result.ExitCode.ShouldBe(2);
        ErrorLines(result).ShouldHaveSingleItem().ShouldMatch(@"^error: .*ignore:\d+: ignore file is larger than 1 MiB");
    }

    [Fact]
    public void Check_WhenIgnoreKeyIsMalformed_ShouldWarnNamingTheLineAndKeepTheExitCode()
    {
        // When
        var result = Check(Encoding.UTF8.GetBytes("# keys\ngarbage:::::::\n"));
        // Then: the text report lists it among its warnings
        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("warning: ");
        result.Out.ShouldContain("ignore:2: pattern 'garbage:::::::' never matches: DIRECTION '' is not ingress or egress");
    }
}
