namespace DriftGuard.Cli.Commands;

/// <summary>The one wording of <c>--port</c> problems for every command that starts a sandbox (<c>sandbox</c>, <c>demo</c>).</summary>
internal static class SandboxPort
{
    /// <summary>Why <paramref name="port"/> cannot be listened on (a TCP port is 0 to 65535; 0 = any free port), or null.</summary>
    public static string? Problem(int port) => port is < 0 or > 65535 ? $"--port {port}: use 0 (any free port) to 65535" : null;

    /// <summary>The one line for a sandbox that could not start (port in use, no permission, …); <paramref name="ex"/> gives the reason.</summary>
    public static string CannotListen(int port, IOException ex) => $"cannot listen on 127.0.0.1:{port}: {ex.Message}";
}
