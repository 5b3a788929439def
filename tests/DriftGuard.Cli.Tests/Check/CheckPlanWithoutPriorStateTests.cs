using System.Text.Json;
using System.Text.Json.Nodes;
using DriftGuard.Tests;

namespace DriftGuard.Cli.Tests.Check;

/// <summary><c>check</c> of a plan without <c>prior_state</c> (everything in it is to be created): the planned values are compared.</summary>
public sealed class CheckPlanWithoutPriorStateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-plan-no-prior-").FullName;
    private static string Case(string file) => Path.Combine(RepoPaths.Cases, "bugs", "04-protocol-minus1-with-ports", file);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Check_WhenThePlanHasNoPriorStateAndLiveHasAnExtraRule_ShouldCompareThePlannedRulesAndFindIt()
    {
        // Given case 04's plan (two rules to create on an existing group) and its live group with SSH from the world added
        var live = JsonNode.Parse(File.ReadAllText(Case("live.json")))!;
        live["SecurityGroups"]![0]!["IpPermissions"]!.AsArray().Add(JsonNode.Parse(
            """{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"0.0.0.0/0"}],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]}"""));
        var livePath = Path.Combine(_dir, "live.json");
        File.WriteAllText(livePath, live.ToJsonString());
        // When
        var result = CliRunner.Run("check", "--iac", Case("declared.plan.json"), "--live-file", livePath, "--format", "json");
        // Then the planned rules were compared: only the added rule is drift, and the report says what was compared
        result.ExitCode.ShouldBe(1, result.Error);
        var report = JsonDocument.Parse(result.Out).RootElement;
        var drift = report.GetProperty("drifts").EnumerateArray().ShouldHaveSingleItem();
        (drift.GetProperty("kind").GetString(), drift.GetProperty("fromPort").GetInt32(), drift.GetProperty("source").GetString()).ShouldBe(("unmanaged", 22, "0.0.0.0/0"));
        report.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString())
            .ShouldContain(m => m!.StartsWith("plan has no prior_state with security groups: comparing its planned values", StringComparison.Ordinal));
    }
}
