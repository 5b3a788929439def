using System.Diagnostics;
using System.Text.Json;
using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;
using DriftGuard.Cli.Tests.Check;

namespace DriftGuard.Cli.Tests.Remediate;

/// <summary>
/// Ctrl+C during <c>remediate --apply</c>: the user's trial lost the audit record of a revoke EC2 had applied. The
/// sandbox answers every request after a delay, so the cancel lands while the verification read is in flight.
/// </summary>
public sealed class RemediateCancellationTests : IAsyncLifetime
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(400);
    private DemoWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None,
            options => options with { Latency = Latency });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Remediate_WhenCancelledAfterTheRevokeWasApplied_ShouldExit130WithAnAuditLineAndLedgerEntryForIt()
    {
        // Given: SSH opened to the world from the console
        using (var console = _world.Client(DemoWorld.ConsoleKey))
            await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = _world.GroupIds["aws_security_group.app"],
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            });
        var dir = Path.GetDirectoryName(_world.StatePath)!;
        var audit = Path.Combine(dir, "a.jsonl");
        var ledger = Path.Combine(dir, "ledger.jsonl");
        // When: Ctrl+C as soon as the sandbox has applied the real revoke
        var (result, revokeApplied) = RunCancellingAfterTheRevoke("remediate", "--iac", _world.StatePath, "--endpoint-url", _world.Server.Endpoint.ToString(),
            "--region", "us-east-1", "--remediate", "all", "--apply", "--audit-log", audit, "--ledger", ledger);
        // Then
        revokeApplied.ShouldBeTrue(result.Error);
        result.ExitCode.ShouldBe(130, result.Out + result.Error);
        result.Error.ShouldContain("cancelled");
        var applied = File.ReadAllLines(audit).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("outcome").GetString() == "applied").ToList();
        applied.ShouldHaveSingleItem().GetProperty("action").GetString().ShouldBe("revoke-ingress");
        File.ReadAllText(ledger).ShouldContain("\"remediated\"");
    }

    /// <summary>Runs the CLI and cancels its token once the real revoke is in the sandbox's call log.</summary>
    /// <remarks>The environment scope holds a thread-affine lock, so this blocks on one thread rather than awaiting.</remarks>
    private (CliRunner.Result Result, bool RevokeApplied) RunCancellingAfterTheRevoke(params string[] args)
    {
        using var env = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
        });
        using var cts = new CancellationTokenSource();
        var run = CliRunner.Start(cts.Token, args);
        var waited = Stopwatch.StartNew();
        while (!RevokeApplied() && !run.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(5);
        var applied = RevokeApplied();
        cts.Cancel();
        return (run.GetAwaiter().GetResult(), applied);
    }

    private bool RevokeApplied() => _world.Server.State.Calls.Any(c => c.AccessKeyId == DemoWorld.DriftGuardKey &&
        c.Action == "RevokeSecurityGroupIngress" && !(c.Parameters.TryGetValue("DryRun", out var d) && d == "true") && c.ErrorCode is null);
}
