using DriftGuard.Sandbox.Model;

namespace DriftGuard.Sandbox.Persistence;

/// <summary>The whole world as written to the state file (JSON, camelCase). <c>Format</c> guards against old files.</summary>
internal sealed record SandboxStateDocument(
    int Format, long Sequence, IReadOnlyList<SandboxVpc> Vpcs, IReadOnlyList<SandboxGroup> Groups,
    IReadOnlyList<SandboxRule> Rules, IReadOnlyList<SandboxCall> Calls)
{
    /// <summary>Sessions from STS AssumeRole, so their keys keep their principal across runs.</summary>
    public IReadOnlyList<SandboxSession> Sessions { get; init; } = [];

    public const int CurrentFormat = 1;
}
