// DriftGuard build: `dotnet tool restore && dotnet cake build/build.cake --target=Test`.
// Targets: Clean, Build, Test (default), Pack, Gate, DriftCheck. --configuration=Release|Debug (default Release).
#load "driftguard.cake"

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");

// Paths are absolute from the repository root, wherever Cake was started.
var root = MakeAbsolute(Context.Environment.WorkingDirectory);
while (!FileExists(root.CombineWithFilePath("DriftGuard.sln")) && root.Segments.Length > 1) root = root.GetParent();
var solution = root.CombineWithFilePath("DriftGuard.sln");
var cliProject = root.CombineWithFilePath("src/DriftGuard.Cli/DriftGuard.Cli.csproj");
var artifacts = root.Combine("artifacts");
var cliDll = root.CombineWithFilePath($"src/DriftGuard.Cli/bin/{configuration}/net10.0/driftguard.dll");

DriftGuardSettings Example(params string[] paths)
{
    var settings = new DriftGuardSettings { ToolPath = cliDll.FullPath, WorkingDirectory = root.FullPath };
    settings.Paths.AddRange(paths);
    return settings;
}

Task("Clean")
    .Does(() =>
{
    DotNetClean(solution.FullPath, new DotNetCleanSettings { Configuration = configuration });
    CleanDirectory(artifacts);
});

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetTest(solution.FullPath, new DotNetTestSettings { Configuration = configuration, NoBuild = true });
});

Task("Pack")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetPack(cliProject.FullPath, new DotNetPackSettings { Configuration = configuration, NoBuild = true, OutputDirectory = artifacts });
});

Task("Gate")
    .IsDependentOn("Build")
    .Does(() =>
{
    // The compliant stacks must pass.
    DriftGuardGate(Example("iac/compliant/"));

    // The insecure stacks must be blocked, by the SSH policy.
    try
    {
        DriftGuardGate(Example("iac/insecure/"));
    }
    catch (CakeException ex) when (ex.Message.Contains("DG-SG-001"))
    {
        Information("iac/insecure/ is blocked as expected: " + ex.Message);
        return;
    }
    throw new CakeException("iac/insecure/ passed the gate: the SSH finding (DG-SG-001) was expected");
});

Task("DriftCheck")
    .IsDependentOn("Build")
    .Does(() =>
{
    var settings = Example("iac/compliant/terraform/terraform.tfstate");
    settings.LiveFile = "iac/live/shop-in-sync.json";
    DriftGuardCheck(settings);
});

RunTarget(target);
