using System.Text;
using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CsCheck;
using DriftGuard.Cli.Tests.Check;
using DriftGuard.Sandbox;

namespace DriftGuard.Cli.Tests.Remediate;

/// <summary>
/// For random declared/live pairs of groups in the sandbox: <c>remediate --remediate all --apply</c>, then <c>check</c> finds
/// no drift in managed groups, and a group nobody declares is byte-for-byte what it was.
/// </summary>
public sealed class RemediatePropertyTests : IAsyncLifetime
{
    private const string Key = "AKIAPROPERTYTEST0001";
    private SandboxServer _server = null!;
    private AmazonEC2Client _ec2 = null!;
    private string _dir = null!;

    /// <summary>One rule: ingress or egress, a tcp port, and a peer (<c>peer</c> = the other managed group).</summary>
    private sealed record Rule(bool Egress, int Port, string Peer);

    private static readonly Gen<Rule> RuleGen = Gen.Select(Gen.Bool, Gen.OneOfConst(22, 80, 443), Gen.OneOfConst("10.0.0.0/8", "0.0.0.0/0", "::/0", "peer"))
        .Select((e, p, s) => new Rule(e, p, s));

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        _ec2 = new AmazonEC2Client(new BasicAWSCredentials(Key, "secret"), new AmazonEC2Config { ServiceURL = _server.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        _dir = Directory.CreateTempSubdirectory("driftguard-remediate-property-").FullName;
    }

    public async Task DisposeAsync()
    {
        _ec2.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void RemediateAll_WhenAppliedToRandomPairs_ShouldLeaveNoManagedDriftAndUnmanagedGroupsUntouched()
    {
        var gen = Gen.Select(RuleGen.Array[1, 4], RuleGen.Array[0, 4], RuleGen.Array[0, 4], RuleGen.Array[0, 4], RuleGen.Array[0, 3]);
        var iteration = 0;
        gen.Sample((declaredA, declaredB, liveA, liveB, stray) =>
        {
            // Given: two declared groups (at least one declared rule: an empty declared state is a safety rail) with random
            // live rules, and a hand-made group nobody declares
            iteration++;
            var a = CreateGroup($"a{iteration}", liveA, null);
            var b = CreateGroup($"b{iteration}", liveB, null);
            Authorize(a, liveA, b);
            Authorize(b, liveB, a);
            var unmanaged = CreateGroup($"stray{iteration}", stray, null);
            Authorize(unmanaged, stray, a);
            var state = WriteState(iteration, (a, declaredA, b), (b, declaredB, a));
            var before = Snapshot(unmanaged);
            // When
            var remediate = Run("remediate", state, "--remediate", "all", "--apply", "--max-changes", "100");
            var check = Run("check", state, "--format", "json");
            // Then
            // (exit 1 is right when an undeclared group keeps a high finding: it is never touched)
            remediate.ExitCode.ShouldBeOneOf([0, 1], remediate.Out + remediate.Error);
            remediate.Out.ShouldNotContain("FAILED");
            remediate.Out.ShouldNotContain("blocked:");
            var managedDrift = check.Json().RootElement.GetProperty("drifts").EnumerateArray()
                .Where(d => d.GetProperty("groupId").GetString() is { } id && (id == a || id == b)).ToList();
            managedDrift.ShouldBeEmpty();
            Snapshot(unmanaged).ShouldBe(before);
        }, iter: 20, threads: 1);
    }

    private CliRunner.Result Run(string command, string state, params string[] extra)
    {
        using var _ = new EnvironmentScope(new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = Key, ["AWS_SECRET_ACCESS_KEY"] = "secret" });
        return CliRunner.Run([command, "--iac", state, "--endpoint-url", _server.Endpoint.ToString(), "--region", "us-east-1", .. extra]);
    }

    private string CreateGroup(string name, Rule[] _, string? vpc) =>
        _ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = name, Description = name, VpcId = vpc ?? _server.State.DefaultVpcId })
            .GetAwaiter().GetResult().GroupId;

    /// <summary>Adds the random live rules on top of EC2's default egress.</summary>
    private void Authorize(string group, Rule[] rules, string peer)
    {
        foreach (var (egress, list) in rules.DistinctBy(r => r).GroupBy(r => r.Egress).Select(g => (g.Key, g.ToList())))
        {
            var permissions = list.Select(r => Permission(r, peer)).ToList();
            try
            {
                if (egress) _ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = group, IpPermissions = permissions }).GetAwaiter().GetResult();
                else _ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = group, IpPermissions = permissions }).GetAwaiter().GetResult();
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidPermission.Duplicate") { /* a random rule equal to the default egress */ }
        }
    }

    private static IpPermission Permission(Rule r, string peer) => new()
    {
        IpProtocol = "tcp", FromPort = r.Port, ToPort = r.Port,
        Ipv4Ranges = r.Peer is "10.0.0.0/8" or "0.0.0.0/0" ? [new IpRange { CidrIp = r.Peer }] : null,
        Ipv6Ranges = r.Peer == "::/0" ? [new Ipv6Range { CidrIpv6 = r.Peer }] : null,
        UserIdGroupPairs = r.Peer == "peer" ? [new UserIdGroupPair { GroupId = peer }] : null,
    };

    /// <summary>A Terraform state v4 declaring the groups with inline rules.</summary>
    private string WriteState(int iteration, params (string Id, Rule[] Rules, string Peer)[] groups)
    {
        var resources = groups.Select((g, i) => new Dictionary<string, object>
        {
            ["mode"] = "managed", ["type"] = "aws_security_group", ["name"] = $"g{i}",
            ["provider"] = "provider[\"registry.terraform.io/hashicorp/aws\"]",
            ["instances"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["schema_version"] = 1,
                    ["attributes"] = new Dictionary<string, object>
                    {
                        ["id"] = g.Id, ["name"] = g.Id, ["description"] = g.Id, ["vpc_id"] = _server.State.DefaultVpcId, ["owner_id"] = "123456789012",
                        ["ingress"] = g.Rules.Where(r => !r.Egress).Distinct().Select(r => Block(r, g.Peer)).ToArray(),
                        ["egress"] = g.Rules.Where(r => r.Egress).Distinct().Select(r => Block(r, g.Peer)).ToArray(),
                        ["tags"] = new Dictionary<string, string>(),
                    },
                },
            },
        }).ToArray();
        var state = new Dictionary<string, object>
        {
            ["version"] = 4, ["terraform_version"] = "1.9.8", ["serial"] = iteration, ["lineage"] = "property", ["outputs"] = new Dictionary<string, object>(),
            ["resources"] = resources,
        };
        var path = Path.Combine(_dir, $"state{iteration}.tfstate");
        File.WriteAllText(path, JsonSerializer.Serialize(state));
        return path;
    }

    private static Dictionary<string, object> Block(Rule r, string peer) => new()
    {
        ["cidr_blocks"] = r.Peer is "10.0.0.0/8" or "0.0.0.0/0" ? new[] { r.Peer } : [],
        ["ipv6_cidr_blocks"] = r.Peer == "::/0" ? new[] { r.Peer } : [],
        ["prefix_list_ids"] = Array.Empty<string>(),
        ["security_groups"] = r.Peer == "peer" ? new[] { peer } : [],
        ["self"] = false, ["protocol"] = "tcp", ["from_port"] = r.Port, ["to_port"] = r.Port, ["description"] = "",
    };

    /// <summary>Every stored field of a group and its rules, ids and tags included.</summary>
    private string Snapshot(string groupId)
    {
        var text = new StringBuilder();
        var g = _server.State.Groups.Single(x => x.GroupId == groupId);
        text.AppendLine($"{g.GroupId} {g.GroupName} {g.Description} {g.VpcId} {g.OwnerId} {string.Join(",", g.Tags)}");
        foreach (var r in _server.State.RulesOf(groupId))
            text.AppendLine($"{r.RuleId} {r.IsEgress} {r.IpProtocol} {r.FromPort} {r.ToPort} {r.SourceKind} {r.Source} {r.Description} {r.ReferencedUserId} {string.Join(",", r.Tags)}");
        return text.ToString();
    }
}
