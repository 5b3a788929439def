namespace DriftGuard.GitHub.Tests.Cake;

/// <summary>
/// build/driftguard.cake as users #load it: a small Cake script per test, run with <c>dotnet cake</c> against the
/// example stacks, with the CLI built beside the tests (no rebuild).
/// </summary>
public sealed class DriftGuardRecipeTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("dg-cake-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private CakeTool.Result RunScript(string body)
    {
        var script = Path.Combine(_temp, "build.cake");
        var recipe = Repo.Path_("build", "driftguard.cake").Replace('\\', '/');
        File.WriteAllText(script, $"""
            #load "{recipe}"
            var settings = new DriftGuardSettings {"{"} ToolPath = @"{CakeTool.CliDll}", WorkingDirectory = @"{Repo.Root}" {"}"};
            {body}
            """);
        return CakeTool.Run([script]);
    }

    [CakeFact]
    public void DriftGuardGate_WhenStacksAreCompliant_ShouldLetTheBuildPass()
    {
        // When
        var result = RunScript("""
            settings.Paths.Add("iac/compliant/");
            var r = DriftGuardGate(settings);
            Information($"failed={r.Failed}");
            """);
        // Then
        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("DriftGuard gate passed");
        result.Output.ShouldContain("failed=0");
    }

    [CakeFact]
    public void DriftGuardGate_WhenSshIsOpenToTheWorld_ShouldFailTheBuildWithTheSummary()
    {
        // When
        var result = RunScript("""
            settings.Paths.Add("iac/insecure/terraform/plan.json");
            DriftGuardGate(settings);
            Information("not reached");
            """);
        // Then
        result.ExitCode.ShouldNotBe(0);
        result.Output.ShouldContain("DriftGuard gate failed");
        result.Output.ShouldContain("DG-SG-001 critical aws_vpc_security_group_ingress_rule.app_ssh_anywhere (iac/insecure/terraform/plan.json:");
        result.Output.ShouldNotContain("not reached");
    }

    [CakeFact]
    public void DriftGuardGate_WhenThePathDoesNotExist_ShouldFailTheBuildAsAnInputError()
    {
        // When
        var result = RunScript("""
            settings.Paths.Add("iac/no-such-stack/");
            DriftGuardGate(settings);
            """);
        // Then
        result.ExitCode.ShouldNotBe(0);
        result.Output.ShouldContain("DriftGuard gate could not run (exit code 2: usage or input error)");
    }

    [CakeCheckFact]
    public void DriftGuardCheck_WhenLiveEqualsTheState_ShouldLetTheBuildPass()
    {
        // When
        var result = RunScript("""
            settings.Paths.Add("iac/compliant/terraform/terraform.tfstate");
            settings.LiveFile = "iac/live/shop-in-sync.json";
            var r = DriftGuardCheck(settings);
            Information($"drifts={r.Drifts}");
            """);
        // Then
        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("drifts=0");
    }

    [CakeCheckFact]
    public void DriftGuardCheck_WhenSshWasOpenedInTheConsole_ShouldFailTheBuildNamingTheDrift()
    {
        // When
        var result = RunScript("""
            settings.Paths.Add("iac/compliant/terraform/terraform.tfstate");
            settings.LiveFile = "iac/live/shop-ssh-opened.json";
            DriftGuardCheck(settings);
            """);
        // Then
        result.ExitCode.ShouldNotBe(0);
        result.Output.ShouldContain("DriftGuard check failed");
        result.Output.ShouldContain("unmanaged sg-0a1b2c3d4e5f00002 ingress tcp/22 0.0.0.0/0 (DG-SG-001");
    }
}
