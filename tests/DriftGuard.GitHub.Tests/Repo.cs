namespace DriftGuard.GitHub.Tests;

/// <summary>Locates the repository root (holds DriftGuard.sln).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot() => DriftGuard.Tests.RepoPaths.Root;
}
