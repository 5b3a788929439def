using System.Net;
using System.Net.Sockets;
using DriftGuard.Cli.Tests.Check;

namespace DriftGuard.Cli.Tests.Sandbox;

/// <summary>Helpers for tests that run <c>driftguard sandbox</c> as its own long-running command, as a user does.</summary>
internal static class StandaloneSandbox
{
    /// <summary>A loopback port free right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits up to 60 s for <paramref name="condition"/>; fails the test when it never holds.</summary>
    public static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(50);
        condition().ShouldBeTrue("timed out");
    }

    /// <summary>Runs a command with the README's sandbox credentials (test/test) in the environment, where the SDK reads them.</summary>
    public static CliRunner.Result RunWithSandboxCredentials(params string[] args)
    {
        using var env = new EnvironmentScope(new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test" });
        return CliRunner.Run(args);
    }
}
