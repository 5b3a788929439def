using System.Diagnostics;
using System.Text.Json;
using DriftGuard.Sandbox;
using DriftGuard.Sandbox.Model;

namespace DriftGuard.Bench;

/// <summary>
/// Issue 3's benchmark: a sandbox seeded with 5,000 groups and 50,000 rules; <c>driftguard check</c> end to end (read
/// the state, list live groups and rules, diff, policy) versus the AWS CLI listing the rules alone, in one run.
/// </summary>
internal static class CheckBench
{
    public static async Task<int> RunAsync(int groups, int rulesPerGroup, string driftguardDll)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, CancellationToken.None);
        var endpoint = server.Endpoint.ToString().TrimEnd('/');
        var dir = Directory.CreateTempSubdirectory("driftguard-checkbench-").FullName;
        var state = Path.Combine(dir, "terraform.tfstate");
        Seed(server.State, groups, rulesPerGroup, state);
        Console.WriteLine($"sandbox: {groups:N0} groups, {groups * rulesPerGroup:N0} rules (+ default group)");

        var env = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIABENCH0000000001", ["AWS_SECRET_ACCESS_KEY"] = "bench", ["AWS_REGION"] = "us-east-1",
            ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_ENDPOINT_URL"] = endpoint, ["AWS_PAGER"] = "",
        };
        var checkTimes = new List<double>();
        var cliTimes = new List<double>();
        var calls = 0;
        for (var i = 0; i < 3; i++)
        {
            var before = server.State.RequestCount("DescribeSecurityGroups") + server.State.RequestCount("DescribeSecurityGroupRules");
            checkTimes.Add(Time("dotnet", [driftguardDll, "check", "--iac", state, "--format", "json", "--output", Path.Combine(dir, "check.json")], env, out var code));
            calls = server.State.RequestCount("DescribeSecurityGroups") + server.State.RequestCount("DescribeSecurityGroupRules") - before;
            if (code is not (0 or 1)) Console.WriteLine($"  check exited {code}");
            // AWS CLI v1 and v2 before 2.13 ignore AWS_ENDPOINT_URL: pass the flag.
            cliTimes.Add(Time("aws", ["--endpoint-url", endpoint, "ec2", "describe-security-group-rules", "--output", "json"], env, out var cliCode));
            if (cliCode != 0) Console.WriteLine($"  aws exited {cliCode}");
        }
        var check = checkTimes.Order().ElementAt(1);
        var cli = cliTimes.Order().ElementAt(1);
        var pages = (int)Math.Ceiling((groups + 1) / 1000.0) + (int)Math.Ceiling((groups * rulesPerGroup + groups + 2.0) / 1000.0);
        Console.WriteLine($"driftguard check (end to end, process)   : median {check,8:F0} ms, {calls} API calls (expected pages ≈ {pages})");
        Console.WriteLine($"aws ec2 describe-security-group-rules    : median {cli,8:F0} ms");
        Console.WriteLine($"check / AWS CLI listing                  : {check / cli:F2}x (target <= 0.5x)");
        Directory.Delete(dir, true);
        return 0;
    }

    /// <summary>Stage timings in one process (profiling aid): live read, declared read, diff.</summary>
    public static async Task<int> StagesAsync(int groups, int rulesPerGroup)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, CancellationToken.None);
        var dir = Directory.CreateTempSubdirectory("driftguard-checkbench-").FullName;
        var state = Path.Combine(dir, "terraform.tfstate");
        Seed(server.State, groups, rulesPerGroup, state);
        var sw = Stopwatch.StartNew();
        var snapshot = await new DriftGuard.Aws.Live.Ec2LiveReader().ReadAsync(new DriftGuard.Aws.Live.LiveReaderOptions
        {
            Regions = ["us-east-1"], EndpointUrl = server.Endpoint.ToString(),
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIABENCH", "x"),
        }, CancellationToken.None);
        Console.WriteLine($"live read   {sw.ElapsedMilliseconds} ms, {snapshot.Groups.Count} groups, {snapshot.ApiCalls} calls, alerts {snapshot.Alerts.Count}");
        sw.Restart();
        var doc = new DriftGuard.Core.Declared.Terraform.TerraformStateReader().Read(state, "state", new DriftGuard.Core.Declared.ReaderOptions());
        Console.WriteLine($"state read  {sw.ElapsedMilliseconds} ms, {doc.Groups.Count} groups");
        sw.Restart();
        var result = new DriftGuard.Core.Drift.DriftAnalyzer().Analyze(doc.Groups, snapshot.Groups);
        Console.WriteLine($"diff        {sw.ElapsedMilliseconds} ms, {result.Drifts.Count} drifts");
        Directory.Delete(dir, true);
        return 0;
    }

    private static void Seed(SandboxState sandbox, int groups, int rulesPerGroup, string statePath)
    {
        using var stream = File.Create(statePath);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("version", 4);
        w.WriteString("terraform_version", "1.9.8");
        w.WriteNumber("serial", 1);
        w.WriteString("lineage", "bench");
        w.WriteStartObject("outputs"); w.WriteEndObject();
        w.WriteStartArray("resources");
        for (var g = 0; g < groups; g++)
        {
            var id = sandbox.SeedGroup($"bench-{g}", $"bench group {g}", withDefaultEgress: false);
            var specs = Enumerable.Range(0, rulesPerGroup).Select(r => SandboxRuleSpec.IngressTcp(1000 + r, 1000 + r, $"10.{g % 250}.{r}.0/24")).ToList();
            sandbox.SeedRules(id, specs);
            w.WriteStartObject();
            w.WriteString("mode", "managed"); w.WriteString("type", "aws_security_group"); w.WriteString("name", $"g{g}");
            w.WriteString("provider", "provider[\"registry.terraform.io/hashicorp/aws\"]");
            w.WriteStartArray("instances"); w.WriteStartObject();
            w.WriteNumber("schema_version", 1);
            w.WriteStartObject("attributes");
            w.WriteString("id", id); w.WriteString("name", $"bench-{g}"); w.WriteString("description", $"bench group {g}");
            w.WriteString("vpc_id", sandbox.DefaultVpcId);
            w.WriteStartArray("egress"); w.WriteEndArray();
            w.WriteStartArray("ingress");
            for (var r = 0; r < rulesPerGroup; r++)
            {
                w.WriteStartObject();
                w.WriteStartArray("cidr_blocks"); w.WriteStringValue($"10.{g % 250}.{r}.0/24"); w.WriteEndArray();
                w.WriteString("description", ""); w.WriteNumber("from_port", 1000 + r); w.WriteNumber("to_port", 1000 + r);
                w.WriteStartArray("ipv6_cidr_blocks"); w.WriteEndArray(); w.WriteStartArray("prefix_list_ids"); w.WriteEndArray();
                w.WriteString("protocol", "tcp"); w.WriteStartArray("security_groups"); w.WriteEndArray(); w.WriteBoolean("self", false);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject(); w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static double Time(string file, IEnumerable<string> args, IDictionary<string, string> env, out int exitCode)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var drainOut = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var drainErr = p.StandardError.BaseStream.CopyToAsync(Stream.Null);
        p.WaitForExit();
        Task.WaitAll(drainOut, drainErr);
        exitCode = p.ExitCode;
        return sw.Elapsed.TotalMilliseconds;
    }
}
