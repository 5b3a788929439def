namespace DriftGuard.GitHub.Tests.Action;

/// <summary>Static checks of action.yml: inputs only through env, every input mapped, the documented outputs.</summary>
public class ActionDefinitionTests
{
    private readonly ActionDefinition _action = new();

    [Fact]
    public void ActionYml_WhenRead_ShouldBeACompositeActionWithTheDocumentedInputsAndOutputs()
    {
        // Then
        _action.Root["runs"].Map().Text("using").ShouldBe("composite");
        _action.InputDefaults.Keys.ShouldBe(["command", "iac", "policy", "parameters", "fail-on", "region", "role-arn", "comment",
                                              "open-pr", "sarif", "apply", "github-token"], ignoreOrder: true);
        _action.Outputs.Keys.ShouldBe(["findings", "drifts", "exit-code", "sarif-file", "report-file"], ignoreOrder: true);
        _action.InputDefaults["github-token"].ShouldBe("${{ github.token }}");
    }

    [Fact]
    public void ActionYml_WhenRunStepsRead_ShouldNeverSpliceAnExpressionIntoAScript()
    {
        // Then
        foreach (var step in _action.Steps.Where(s => s.ContainsKey("run")))
            step.Text("run").ShouldNotBeNull().ShouldNotContain("${{");
    }

    [Fact]
    public void ActionYml_WhenRunStepEnvRead_ShouldMapEveryInputExactlyOnce()
    {
        // Given
        var run = _action.Steps.Single(s => s.ContainsKey("run"));
        // When
        var mapped = run["env"].Map().Values.OfType<string>().Select(Yaml.InputReference).OfType<string>().ToList();
        // Then
        mapped.ShouldBe(_action.InputDefaults.Keys, ignoreOrder: true);
    }

    [Fact]
    public void ActionYml_WhenSetupStepRead_ShouldInstallDotnet10()
    {
        // Then
        var setup = _action.Steps.Single(s => s.Text("uses")?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true);
        setup["with"].Map().Text("dotnet-version").ShouldBe("10.0.x");
    }
}
