namespace DriftGuard.Tests;

/// <summary>
/// The repository root (the folder holding DriftGuard.sln, found by walking up from the test binaries) and the shared
/// test material CI places beside the checkout (<c>../shared/cases</c>). Linked into every test project.
/// </summary>
internal static class RepoPaths
{
    /// <summary>Absolute path of the repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Absolute path of <c>../shared/cases</c>.</summary>
    public static string Cases => Path.GetFullPath(Path.Combine(Root, "..", "shared", "cases"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DriftGuard.sln"))) return dir.FullName;
        throw new InvalidOperationException("DriftGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
