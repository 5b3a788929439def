using System.Text.RegularExpressions;
using DriftGuard.GitHub.Tests.Action;

namespace DriftGuard.GitHub.Tests.Workflows;

/// <summary>Every workflow under .github/workflows: valid YAML, least-privilege permissions, the action used with its real inputs, no script injection.</summary>
public partial class WorkflowFileTests
{
    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Repo.Path_(".github", "workflows"), "*.yml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    private static Dictionary<object, object> Load(string name) => Yaml.Load(Repo.Path_(".github", "workflows", name));

    private static IEnumerable<(string Job, Dictionary<object, object> Step)> Steps(Dictionary<object, object> workflow) =>
        workflow["jobs"].Map().SelectMany(j => j.Value.Map()["steps"].List().Select(s => ((string)j.Key, s.Map())));

    [Fact]
    public void Workflows_WhenListed_ShouldIncludeCiPrGateAndDriftSchedule()
    {
        // Then
        Directory.GetFiles(Repo.Path_(".github", "workflows"), "*.yml").Select(Path.GetFileName).ShouldBe(["ci.yml", "drift-schedule.yml", "pr-gate.yml"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_WhenParsed_ShouldStatePermissionsWithNoWriteAtTheTopLevel(string name)
    {
        // When
        var workflow = Load(name);
        // Then
        workflow.ShouldContainKey("permissions");
        var top = workflow["permissions"].Map();
        top.Values.ShouldAllBe(v => (string)v != "write", "write permissions belong on the job that writes");
        foreach (var (job, body) in workflow["jobs"].Map())
            body.Map().ContainsKey("permissions").ShouldBeTrue($"job {job} must state its permissions");
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_WhenAJobWrites_ShouldHoldExactlyThePermissionItsStepsNeed(string name)
    {
        // Given
        var workflow = Load(name);
        foreach (var (job, body) in workflow["jobs"].Map())
        {
            var permissions = body.Map()["permissions"].Map().ToDictionary(kv => (string)kv.Key, kv => (string)kv.Value);
            var steps = body.Map()["steps"].List().Select(s => s.Map()).ToList();
            var uses = steps.Select(s => s.Text("uses") ?? "").ToList();
            // Then
            if (uses.Any(u => u.StartsWith("github/codeql-action/upload-sarif", StringComparison.Ordinal)))
                permissions.GetValueOrDefault("security-events").ShouldBe("write", $"{job} uploads SARIF");
            if (uses.Any(u => u.StartsWith("aws-actions/configure-aws-credentials", StringComparison.Ordinal)))
                permissions.GetValueOrDefault("id-token").ShouldBe("write", $"{job} uses OIDC");
            var comments = steps.Any(s => s.Text("uses") == "./" && (s["with"].Map().Text("comment") == "true" || s["with"].Map().Text("open-pr") == "true"));
            if (comments) permissions.GetValueOrDefault("pull-requests").ShouldBe("write", $"{job} comments or opens pull requests");
            else permissions.ContainsKey("pull-requests").ShouldBeFalse($"{job} neither comments nor opens pull requests");
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_WhenUsingTheAction_ShouldPassOnlyInputsTheActionDeclares(string name)
    {
        // Given
        var inputs = new ActionDefinition().InputDefaults.Keys.ToHashSet();
        // When
        var used = Steps(Load(name)).Where(s => s.Step.Text("uses") == "./").SelectMany(s => s.Step["with"].Map().Keys.Cast<string>()).ToList();
        // Then
        used.ShouldAllBe(key => inputs.Contains(key));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_WhenRunScriptsRead_ShouldNotSpliceInputsOrEventDataIntoShell(string name)
    {
        // When
        var scripts = Steps(Load(name)).Select(s => s.Step.Text("run")).OfType<string>().ToList();
        // Then
        scripts.ShouldNotBeEmpty();
        scripts.ShouldAllBe(script => !UntrustedExpression().IsMatch(script));
    }

    [Fact]
    public void ActionYml_WhenRunScriptsRead_ShouldNotSpliceInputsOrEventDataIntoShell()
    {
        // Then
        new ActionDefinition().Steps.Select(s => s.Text("run")).OfType<string>().ShouldAllBe(script => !UntrustedExpression().IsMatch(script));
    }

    [Fact]
    public void DriftSchedule_WhenRead_ShouldRunEveryFifteenMinutesInOneConcurrencyGroupWithAMatrixAndAMergeJob()
    {
        // When
        var workflow = Load("drift-schedule.yml");
        var on = workflow["on"].Map();
        var jobs = workflow["jobs"].Map();
        // Then
        on["schedule"].List().Single().Map().Text("cron").ShouldBe("*/15 * * * *");
        on.ShouldContainKey("workflow_dispatch");
        workflow["concurrency"].Map().Text("group").ShouldNotBeNullOrEmpty();
        jobs["drift"].Map()["strategy"].Map()["matrix"].Map()["include"].List().Count.ShouldBeGreaterThan(1);
        jobs["merge"].Map()["needs"].ShouldBe("drift");
        Steps(workflow).Select(s => s.Step.Text("run") ?? "").ShouldContain(r => r.Contains("report --merge"));
    }

    [GeneratedRegex(@"\$\{\{\s*(inputs\.|github\.event\.)")]
    private static partial Regex UntrustedExpression();
}
