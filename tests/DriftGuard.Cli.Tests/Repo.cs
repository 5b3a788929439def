namespace DriftGuard.Cli.Tests;

/// <summary>Locates the repository root (holds DriftGuard.sln) and the shared test material beside it.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/cases</c> relative to the repository root.</summary>
    public static string Cases => DriftGuard.Tests.RepoPaths.Cases;

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot() => DriftGuard.Tests.RepoPaths.Root;
}
