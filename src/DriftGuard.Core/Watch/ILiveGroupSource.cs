using DriftGuard.Core.Model;

namespace DriftGuard.Core.Watch;

/// <summary>Live groups as read for watch mode.</summary>
/// <param name="Groups">Canonical live groups (<c>Key</c> = <c>sg-</c> id) with their rules and rule ids.</param>
/// <param name="Alerts">What could not be read (access denied, throttled, unreachable), one line each.</param>
/// <param name="Complete">False when some group or region could not be read: nothing is decided from a partial read.</param>
public sealed record LiveGroupRead(IReadOnlyList<SecurityGroup> Groups, IReadOnlyList<Diagnostic> Alerts, bool Complete)
{
    /// <summary>Requested group ids EC2 says do not exist (deleted).</summary>
    public IReadOnlyList<string> NotFound { get; init; } = [];
}

/// <summary>Reads live security groups: everything (a full check) or only the groups an event names.</summary>
public interface ILiveGroupSource
{
    /// <summary>Every group of the configured regions.</summary>
    Task<LiveGroupRead> ReadAllAsync(CancellationToken ct);

    /// <summary>Only these groups (<c>group-id</c> filters); ids that no longer exist are listed in <see cref="LiveGroupRead.NotFound"/>.</summary>
    Task<LiveGroupRead> ReadGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct);
}
