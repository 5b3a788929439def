namespace DriftGuard.GitHub.Tests;

/// <summary>Locates the repository root (holds DriftGuard.sln).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DriftGuard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DriftGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
