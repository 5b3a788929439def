using DriftGuard.Core.Incidents;

namespace DriftGuard.Core.Tests.Incidents;

public sealed class GateWorkflowDetectorTests
{
    private static string Repo(string? workflow, string name = "pr.yml")
    {
        var root = Directory.CreateTempSubdirectory("driftguard-gate-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        Directory.CreateDirectory(Path.Combine(root, "infra"));
        File.WriteAllText(Path.Combine(root, "infra", "main.tf.json"), "{}");
        if (workflow is not null)
        {
            Directory.CreateDirectory(Path.Combine(root, ".github", "workflows"));
            File.WriteAllText(Path.Combine(root, ".github", "workflows", name), workflow);
        }
        return root;
    }

    [Fact]
    public void Detect_WhenAPullRequestWorkflowRunsTheGate_ShouldBeEnabledAndNameTheWorkflow()
    {
        // Given
        var root = Repo("on:\n  pull_request:\njobs:\n  gate:\n    steps:\n      - run: dotnet driftguard gate infra/ --format sarif\n");
        // When
        var status = GateWorkflowDetector.Detect("infra/main.tf.json", root);
        // Then
        status.Enabled.ShouldBe(true);
        status.How.ShouldStartWith(".github/workflows/pr.yml runs driftguard gate on pull_request");
    }

    [Fact]
    public void Detect_WhenAWorkflowUsesTheAction_ShouldBeEnabled()
    {
        // Given
        var root = Repo("on: [push, pull_request]\njobs:\n  g:\n    steps:\n      - uses: acme/driftguard@v1\n");
        // When
        var status = GateWorkflowDetector.Detect(Path.Combine(root, "infra", "main.tf.json"), "/");
        // Then
        status.Enabled.ShouldBe(true);
        status.How.ShouldContain("uses the DriftGuard action (acme/driftguard@v1)");
    }

    [Fact]
    public void Detect_WhenTheGateRunsOnlyOnPush_ShouldNotBeEnabled()
    {
        // Given
        var root = Repo("on:\n  push:\njobs:\n  g:\n    steps:\n      - run: driftguard gate infra/\n");
        // When
        var status = GateWorkflowDetector.Detect("infra/main.tf.json", root);
        // Then
        status.Enabled.ShouldBe(false);
        status.How.ShouldContain("not triggered by pull_request");
    }

    [Fact]
    public void Detect_WhenNoWorkflowRunsTheGate_ShouldNotBeEnabledAndSayWhatWasRead()
    {
        // Given
        var root = Repo("on: pull_request\njobs:\n  t:\n    steps:\n      - run: dotnet test\n");
        // When
        var status = GateWorkflowDetector.Detect("infra/main.tf.json", root);
        // Then
        status.Enabled.ShouldBe(false);
        status.How.ShouldContain("none of the 1 workflow(s)");
    }

    [Fact]
    public void Detect_WhenTheGroupIsNotDeclared_ShouldBeUnknown()
    {
        GateWorkflowDetector.Detect(null, "/").Enabled.ShouldBeNull();
    }
}
