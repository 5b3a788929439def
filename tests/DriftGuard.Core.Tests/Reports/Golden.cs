namespace DriftGuard.Core.Tests.Reports;

/// <summary>
/// Golden files under tests/DriftGuard.Core.Tests/Reports/Expected/. They are compared byte for byte and
/// rewritten only when DRIFTGUARD_UPDATE_GOLDEN=1 is set, so a change in output is always a reviewed diff.
/// </summary>
internal static class Golden
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ExpectedDirectory => Path.Combine(RepoRoot, "tests", "DriftGuard.Core.Tests", "Reports", "Expected");

    public static void ShouldMatch(string actual, string fileName)
    {
        var path = Path.Combine(ExpectedDirectory, fileName);
        if (Environment.GetEnvironmentVariable("DRIFTGUARD_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(ExpectedDirectory);
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).ShouldBeTrue($"golden file {path} is missing; run the tests with DRIFTGUARD_UPDATE_GOLDEN=1 to create it");
        // Normalise line endings of the checked-out file only: a Windows checkout must not fail the comparison.
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        actual.ShouldBe(expected, $"output differs from {fileName}; if the change is intended, rerun with DRIFTGUARD_UPDATE_GOLDEN=1 and review the diff");
    }

    private static string FindRepoRoot() => DriftGuard.Tests.RepoPaths.Root;
}
