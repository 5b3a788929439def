using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using DriftGuard.Tests;

namespace DriftGuard.Aws.Tests.State;

/// <summary>
/// s3rver (npm package <c>s3rver</c>, an S3-compatible server written independently of DriftGuard) started on a free
/// port with a temporary data folder. <c>.ci/run</c> installs it into <c>.tools/</c>; <c>S3RVER</c> names another binary.
/// </summary>
public sealed class S3rver : IAsyncLifetime
{
    /// <summary>The binary, or null when it is not installed.</summary>
    public static string? Binary { get; } = Locate();

    private readonly string _data = Directory.CreateTempSubdirectory("driftguard-s3rver-").FullName;
    private Process? _process;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Access key and secret s3rver accepts (its documented defaults).</summary>
    public const string AccessKey = "S3RVER", SecretKey = "S3RVER";

    public async Task InitializeAsync()
    {
        if (Binary is null) return;
        var port = FreePort();
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-d", _data, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--no-vhost-buckets" })
            start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = $"http://127.0.0.1:{port}";
        // Ready when it accepts connections (node starts in about a second).
        for (var i = 0; i < 150; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited) throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode}");
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("s3rver did not start listening within 15 s");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("S3RVER") is { Length: > 0 } env && File.Exists(env)) return env;
        var local = Path.Combine(RepoPaths.Root, ".tools", "node_modules", ".bin", "s3rver");
        if (File.Exists(local)) return local;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "s3rver");
            if (dir.Length > 0 && File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that runs only where s3rver is installed (<c>.ci/run</c> installs it with npm).</summary>
public sealed class S3rverFactAttribute : FactAttribute
{
    public S3rverFactAttribute()
    {
        if (S3rver.Binary is null) Skip = "s3rver not installed: run `npm install --prefix .tools s3rver@3.7.1` (as .ci/run does)";
    }
}
