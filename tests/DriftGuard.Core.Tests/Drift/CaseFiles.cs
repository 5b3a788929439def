namespace DriftGuard.Core.Tests.Drift;

/// <summary>Locates ../shared/cases from the repository root (the folder holding DriftGuard.sln).</summary>
internal static class CaseFiles
{
    public static string Root { get; } = FindRoot();

    public static string Shared(params string[] parts) => Path.Combine([Root, "..", "shared", "cases", .. parts]);

    public static IEnumerable<string> BugCasesWithLive() =>
        Directory.GetDirectories(Shared("bugs")).Where(d => File.Exists(Path.Combine(d, "live.json"))).Select(Path.GetFileName).OfType<string>().Order();

    private static string FindRoot() => DriftGuard.Tests.RepoPaths.Root;
}
