namespace DriftGuard.Cli.Tests.Inputs;

/// <summary><c>sandbox --state</c> problems name the state file, not the listening socket.</summary>
public sealed class SandboxStateInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-sandbox-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Sandbox_WhenStateIsADirectory_ShouldNameTheStateFileProblem()
    {
        // When
        var result = CliRunner.RunIn(_dir, null, "sandbox", "--port", "0", "--state", ".");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe("error: --state .: is a directory; give the JSON file that keeps the sandbox's world (created when missing)");
    }

    [Fact]
    public void Sandbox_WhenStateIsNotJson_ShouldGiveFileLineColumnAndTheMessageAlone()
    {
        // Given
        var state = Path.Combine(_dir, "state.json");
        File.WriteAllText(state, "{\"format\": \"x\"}");
        // When
        var result = CliRunner.RunIn(_dir, null, "sandbox", "--port", "0", "--state", "state.json");
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe($"error: {state}:1:15: not a sandbox state file (unexpected value at $.format)");
    }
}
