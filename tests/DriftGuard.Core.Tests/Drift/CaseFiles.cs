namespace DriftGuard.Core.Tests.Drift;

/// <summary>Locates ../shared/cases from the repository root (the folder holding DriftGuard.sln).</summary>
internal static class CaseFiles
{
    public static string Root { get; } = FindRoot();

    public static string Shared(params string[] parts) => Path.Combine([Root, "..", "shared", "cases", .. parts]);

    public static IEnumerable<string> BugCasesWithLive() =>
        Directory.GetDirectories(Shared("bugs")).Where(d => File.Exists(Path.Combine(d, "live.json"))).Select(Path.GetFileName).OfType<string>().Order();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DriftGuard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DriftGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
