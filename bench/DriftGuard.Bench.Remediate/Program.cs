// Out-of-band change → verified revert, end to end: a console user opens SSH to the world on a declared group, then
// `driftguard remediate --apply` (in process: read the Terraform state, read live groups, STS, dry run, revoke by rule id,
// verify by re-reading) against the in-process sandbox. Median and p95 over N runs, and API calls per run.
// Usage: dotnet run -c Release --project bench/DriftGuard.Bench.Remediate [-- RUNS]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using DriftGuard.Cli;
using DriftGuard.Sandbox;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
const string DriftGuardKey = "AKIABENCHDRIFTGUARD1";
const string ConsoleKey = "AKIABENCHCONSOLEUSR1";
await using var server = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
using var console = new AmazonEC2Client(new BasicAWSCredentials(ConsoleKey, "x"), new AmazonEC2Config { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });

// The declared world: one group with HTTPS from the VPC, as Terraform would have applied it.
var group = (await console.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "app", Description = "app", VpcId = server.State.DefaultVpcId })).GroupId;
await console.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = group, IpPermissions = [new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }] });
await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = group, IpPermissions = [Tcp(443, "10.0.0.0/8")] });
var dir = Directory.CreateTempSubdirectory("driftguard-bench-").FullName;
var state = Path.Combine(dir, "terraform.tfstate");
File.WriteAllText(state, JsonSerializer.Serialize(new
{
    version = 4, terraform_version = "1.9.8", serial = 1, lineage = "bench", outputs = new { },
    resources = new[]
    {
        new
        {
            mode = "managed", type = "aws_security_group", name = "app", provider = "provider[\"registry.terraform.io/hashicorp/aws\"]",
            instances = new[]
            {
                new
                {
                    schema_version = 1,
                    attributes = new
                    {
                        id = group, name = "app", description = "app", vpc_id = server.State.DefaultVpcId, owner_id = "123456789012",
                        ingress = new[] { new { cidr_blocks = new[] { "10.0.0.0/8" }, ipv6_cidr_blocks = Array.Empty<string>(), prefix_list_ids = Array.Empty<string>(),
                                                security_groups = Array.Empty<string>(), self = false, protocol = "tcp", from_port = 443, to_port = 443, description = "" } },
                        egress = Array.Empty<object>(),
                        tags = new { },
                    },
                },
            },
        },
    },
}));
Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", DriftGuardKey);
Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "x");
string[] cli = ["remediate", "--iac", state, "--endpoint-url", server.Endpoint.ToString(), "--region", "us-east-1", "--apply", "--format", "json"];
string[] actions = ["GetCallerIdentity", "DescribeSecurityGroups", "DescribeSecurityGroupRules", "RevokeSecurityGroupIngress", "AuthorizeSecurityGroupIngress"];

var times = new List<double>();
Dictionary<string, int>? calls = null;
var dryRuns = 0;
for (var i = -3; i < runs; i++) // three warm-up runs (JIT, connection pool) are not measured
{
    await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = group, IpPermissions = [Tcp(22, "0.0.0.0/0")] });
    var before = actions.ToDictionary(a => a, server.State.RequestCount);
    var logged = server.State.Calls.Count;
    var clock = Stopwatch.StartNew();
    var output = new StringWriter();
    var exit = await DriftGuardApp.RunAsync(cli, new CliContext(output, TextWriter.Null));
    clock.Stop();
    if (exit != 0 || server.State.RulesOf(group).Any(r => r.FromPort == 22)) throw new InvalidOperationException($"run {i}: exit {exit}, not reverted\n{output}");
    if (i < 0) continue;
    times.Add(clock.Elapsed.TotalMilliseconds);
    calls = actions.ToDictionary(a => a, a => server.State.RequestCount(a) - before[a]);
    dryRuns = server.State.Calls.Skip(logged).Count(c => c.Parameters.TryGetValue("DryRun", out var d) && d == "true");
}
Directory.Delete(dir, recursive: true);

times.Sort();
double P(double q) => times[(int)Math.Ceiling(q * times.Count) - 1];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"remediate: out-of-band change -> verified revert of one rule, {runs} runs, in-process sandbox"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  median {P(0.5):F1} ms   p95 {P(0.95):F1} ms   min {times[0]:F1} ms   max {times[^1]:F1} ms   (target p95 < 1000 ms)"));
Console.WriteLine("  API calls per run (one touched group):");
foreach (var (action, n) in calls!) Console.WriteLine($"    {action,-32} {n}");
Console.WriteLine($"    of which DryRun                  {dryRuns}");
return 0;

static IpPermission Tcp(int port, string cidr) => new() { IpProtocol = "tcp", FromPort = port, ToPort = port, Ipv4Ranges = [new IpRange { CidrIp = cidr }] };
