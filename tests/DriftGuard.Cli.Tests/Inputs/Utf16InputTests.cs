using System.Text;

namespace DriftGuard.Cli.Tests.Inputs;

/// <summary>UTF-16 templates and plans (PowerShell's Out-File writes them) are read in both byte orders, with or without a byte-order mark.</summary>
public sealed class Utf16InputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-utf16-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, bool, string> Cases()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var file in new[] { "iac/insecure/cloudformation/shop.yaml", "iac/insecure/terraform/plan.json" })
            foreach (var bigEndian in new[] { false, true })
                foreach (var mark in new[] { "bom", "no-bom" })
                    data.Add(file, bigEndian, mark);
        return data;
    }

    private static string[] FindingKeys(CliRunner.Result result) =>
        [.. result.Findings().Select(f => $"{f.GetProperty("policyId")}|{f.GetProperty("resource")}|{f.GetProperty("fromPort")}|{f.GetProperty("source")}").Order()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gate_WhenFileIsUtf16_ShouldGiveTheFindingsOfItsUtf8Original(string original, bool bigEndian, string mark)
    {
        // Given
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: mark == "bom");
        var copy = Path.Combine(_dir, Path.GetFileName(original));
        File.WriteAllBytes(copy, [.. encoding.GetPreamble(), .. encoding.GetBytes(File.ReadAllText(Repo.Path_(original)))]);
        var expected = CliRunner.Run("gate", original, "--format", "json");
        // When
        var result = CliRunner.Run("gate", copy, "--format", "json");
        // Then
        result.Error.ShouldNotContain("binary");
        result.ExitCode.ShouldBe(1);
        FindingKeys(result).ShouldBe(FindingKeys(expected));
    }
}
