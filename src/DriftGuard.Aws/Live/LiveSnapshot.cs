using DriftGuard.Core.Model;

namespace DriftGuard.Aws.Live;

/// <summary>What the live reader read: canonical live groups of every region (and role) read, plus alerts for what it could not read.</summary>
/// <param name="Groups">Live groups (<c>Key</c> = <c>sg-</c> id, <c>ResourceType</c> = <c>live</c>, <c>Region</c> set).</param>
/// <param name="Alerts">One line per part not read: AccessDenied, UnauthorizedOperation, an unreachable region, a role not assumed.</param>
/// <param name="Complete">False when a region's groups (or a role) could not be read: unmanaged-group and missing-group results are then partial.</param>
public sealed record LiveSnapshot(IReadOnlyList<SecurityGroup> Groups, IReadOnlyList<Diagnostic> Alerts, bool Complete)
{
    /// <summary>Regions read.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>AWS API calls made (one per page, plus <c>DescribeRegions</c> and <c>AssumeRole</c>).</summary>
    public int ApiCalls { get; init; }
}
