using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DriftGuard.GitHub.Tests.Cli;

/// <summary>
/// <c>driftguard check --iac TEMPLATE --stack shop --open-pr</c> end to end for CloudFormation YAML and JSON templates:
/// the real CLI and Octokit against a local fake GitHub API. Live groups belong to the template through the tags
/// CloudFormation puts on them (<c>aws:cloudformation:stack-name</c>, <c>aws:cloudformation:logical-id</c>).
/// </summary>
public sealed class CheckOpenPullRequestCloudFormationTests : IDisposable
{
    private const string BaseSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private readonly FakeGitHub _github = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-cfn-open-pr-").FullName;

    public void Dispose()
    {
        _github.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The example stack's App group as a JSON template, rules written with the live group ids.</summary>
    private const string JsonTemplate =
        "{\n" +
        "    \"AWSTemplateFormatVersion\": \"2010-09-09\",\n" +
        "    \"Resources\": {\n" +
        "        \"AppSecurityGroup\": {\n" +
        "            \"Type\": \"AWS::EC2::SecurityGroup\",\n" +
        "            \"Properties\": {\n" +
        "                \"GroupName\": { \"Fn::Sub\": \"${AWS::StackName}-app\" },\n" +
        "                \"GroupDescription\": \"Application servers\",\n" +
        "                \"VpcId\": \"vpc-0d1e2m3o4a5b6c7d8\",\n" +
        "                \"SecurityGroupIngress\": [\n" +
        "                    {\n" +
        "                        \"IpProtocol\": \"tcp\",\n" +
        "                        \"FromPort\": 8080,\n" +
        "                        \"ToPort\": 8080,\n" +
        "                        \"SourceSecurityGroupId\": \"sg-0a1b2c3d4e5f00001\",\n" +
        "                        \"Description\": \"HTTP from the load balancer\"\n" +
        "                    },\n" +
        "                    {\n" +
        "                        \"IpProtocol\": \"tcp\",\n" +
        "                        \"FromPort\": 22,\n" +
        "                        \"ToPort\": 22,\n" +
        "                        \"CidrIp\": \"10.20.0.0/16\",\n" +
        "                        \"Description\": \"SSH from the VPN\"\n" +
        "                    }\n" +
        "                ],\n" +
        "                \"SecurityGroupEgress\": [\n" +
        "                    { \"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 443, \"CidrIp\": \"0.0.0.0/0\", \"Description\": \"HTTPS to AWS APIs and package mirrors\" },\n" +
        "                    { \"IpProtocol\": \"tcp\", \"FromPort\": 5432, \"ToPort\": 5432, \"DestinationSecurityGroupId\": \"sg-0a1b2c3d4e5f00003\", \"Description\": \"PostgreSQL\" }\n" +
        "                ],\n" +
        "                \"Tags\": [ { \"Key\": \"app\", \"Value\": \"shop\" } ]\n" +
        "            }\n" +
        "        }\n" +
        "    }\n" +
        "}\n";

    private Dictionary<string, string?> Environment(string? workspace = null) => new()
    {
        ["GITHUB_REPOSITORY"] = "octo-org/infra",
        ["GITHUB_TOKEN"] = "ghs_fake",
        ["GITHUB_API_URL"] = _github.ApiUrl.ToString(),
        ["GITHUB_WORKSPACE"] = workspace,
    };

    /// <summary>
    /// The recorded shop groups tagged as stack <c>shop</c> (<paramref name="groups"/>: group name → logical id),
    /// the load balancer with EC2's default egress (its template declares none), and HTTPS from 10.0.0.0/8 added on shop-app.
    /// </summary>
    private string LiveWithHttpsAdded(params (string Name, string LogicalId)[] groups)
    {
        var live = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "iac/live/shop-in-sync.json")))!;
        var all = live["SecurityGroups"]!.AsArray();
        foreach (var g in all.ToList().Where(g => !groups.Any(x => x.Name == (string?)g!["GroupName"]))) all.Remove(g);
        foreach (var g in all)
        {
            var (_, logicalId) = groups.Single(x => x.Name == (string?)g!["GroupName"]);
            g!["Tags"]!.AsArray().Add(JsonNode.Parse("""{"Key":"aws:cloudformation:stack-name","Value":"shop"}"""));
            g["Tags"]!.AsArray().Add(JsonNode.Parse($$"""{"Key":"aws:cloudformation:logical-id","Value":"{{logicalId}}"}"""));
            if ((string?)g["GroupName"] == "shop-alb")
                g["IpPermissionsEgress"] = JsonNode.Parse("""[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]}]""");
            if ((string?)g["GroupName"] == "shop-app")
                g["IpPermissions"]!.AsArray().Add(JsonNode.Parse(
                    """{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.0.0.0/8"}],"Ipv6Ranges":[],"PrefixListIds":[],"UserIdGroupPairs":[]}"""));
        }
        var path = Path.Combine(_dir, "live.json");
        File.WriteAllText(path, live.ToJsonString());
        return path;
    }

    private string WrittenContent() => Encoding.UTF8.GetString(Convert.FromBase64String(
        _github.SentBodies.Single(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("content", out _)).GetProperty("content").GetString()!));

    private string[] Labels() =>
        [.. _github.SentBodies.Single(b => b.ValueKind == JsonValueKind.Array).EnumerateArray().Select(l => l.GetString()!)];

    [Fact]
    public void Check_WhenAnAllowedRuleWasAddedToAYamlStack_ShouldAppendAnItemToTheTemplatesIngressList()
    {
        // Given: the example YAML stack deployed as "shop"; someone added HTTPS from 10.0.0.0/8 on AppSecurityGroup
        _github.WithDriftRepo("octo-org/infra", null, BaseSha, "iac/compliant/cloudformation/shop.yaml");
        var live = LiveWithHttpsAdded(("shop-alb", "AlbSecurityGroup"), ("shop-app", "AppSecurityGroup"), ("shop-db", "DbSecurityGroup"));
        // When
        var result = InProcessCli.Run(Environment(), "check", "--iac", "iac/compliant/cloudformation/shop.yaml", "--stack", "shop",
            "--live-file", live, "--open-pr");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        _github.Requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal)).ShouldHaveSingleItem()
            .ShouldBe("PUT /api/v3/repos/octo-org/infra/contents/iac/compliant/cloudformation/shop.yaml");
        var original = File.ReadAllText(Path.Combine(Repo.Root, "iac/compliant/cloudformation/shop.yaml"));
        WrittenContent().ShouldBe(original.Replace(
            "          Description: SSH from the VPN\n",
            "          Description: SSH from the VPN\n" +
            "        - IpProtocol: tcp\n" +
            "          FromPort: 443\n" +
            "          ToPort: 443\n" +
            "          CidrIp: 10.0.0.0/8\n"));
        Labels().ShouldBe(["drift", "security"]);
        result.Error.ShouldContain("DriftGuard: created drift pull request octo-org/infra#7 (file edited)");
    }

    [Fact]
    public void Check_WhenAnAllowedRuleWasAddedToAJsonStack_ShouldInsertAnObjectIntoTheTemplatesIngressArray()
    {
        // Given: a JSON template at the root of the checked-out repository (GITHUB_WORKSPACE)
        var template = Path.Combine(_dir, "app.template.json");
        File.WriteAllText(template, JsonTemplate);
        _github.WithDriftRepo("octo-org/infra", null, BaseSha, "app.template.json");
        var live = LiveWithHttpsAdded(("shop-app", "AppSecurityGroup"));
        // When
        var result = InProcessCli.Run(Environment(_dir), "check", "--iac", template, "--stack", "shop", "--live-file", live, "--open-pr");
        // Then
        result.ExitCode.ShouldBe(0, result.Error);
        _github.Requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal)).ShouldHaveSingleItem()
            .ShouldBe("PUT /api/v3/repos/octo-org/infra/contents/app.template.json");
        WrittenContent().ShouldBe(JsonTemplate.Replace(
            "                        \"Description\": \"SSH from the VPN\"\n                    }\n",
            "                        \"Description\": \"SSH from the VPN\"\n                    },\n" +
            "                    {\n" +
            "                        \"IpProtocol\": \"tcp\",\n" +
            "                        \"FromPort\": 443,\n" +
            "                        \"ToPort\": 443,\n" +
            "                        \"CidrIp\": \"10.0.0.0/8\"\n" +
            "                    }\n"));
        Labels().ShouldBe(["drift", "security"]);
        var pull = _github.SentBodies.Single(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("head", out _));
        pull.GetProperty("title").GetString().ShouldBe("DriftGuard: codify live rule ingress tcp/443 from 10.0.0.0/8 on AppSecurityGroup");
        pull.GetProperty("body").GetString()!.ShouldContain("```json\n{\n  \"IpProtocol\": \"tcp\",");
    }
}
