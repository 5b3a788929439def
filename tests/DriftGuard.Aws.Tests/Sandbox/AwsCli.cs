using System.Diagnostics;

namespace DriftGuard.Aws.Tests.Sandbox;

/// <summary>Runs the real AWS CLI (v1 or v2) against a sandbox endpoint with throwaway credentials and no user config.</summary>
internal static class AwsCli
{
    private static readonly Lazy<string?> Version = new(() =>
    {
        try
        {
            var (code, stdout, stderr) = RunAsync(null, ["--version"]).GetAwaiter().GetResult();
            return code == 0 ? (stdout + stderr).Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not on PATH
        }
    });

    public static bool IsInstalled => Version.Value is not null;

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Uri? endpoint, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (endpoint is not null)
        {
            start.ArgumentList.Add("--endpoint-url");
            start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
            start.ArgumentList.Add("--output");
            start.ArgumentList.Add("json");
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_STS" })
            start.Environment.Remove(name);
        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIACLITEST000000001";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "sandbox-secret";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_PAGER"] = "";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A fact that runs only where the AWS CLI is installed (CI installs it with <c>apt-get install -y awscli</c>).</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (!AwsCli.IsInstalled) Skip = "AWS CLI not installed: run `apt-get install -y awscli` to exercise the sandbox with it";
    }
}
