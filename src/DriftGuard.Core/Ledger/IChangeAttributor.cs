using DriftGuard.Core.Drift;

namespace DriftGuard.Core.Ledger;

/// <summary>Finds who made the change behind a drift (CloudTrail in production: <c>DriftGuard.Aws.CloudTrail.CloudTrailAttributor</c>).</summary>
public interface IChangeAttributor
{
    /// <summary>The attribution of <paramref name="drift"/> detected at <paramref name="detectedAt"/>; never throws for AWS errors (they become an unknown with the reason).</summary>
    Task<ChangeAttribution> AttributeAsync(DriftItem drift, DateTimeOffset detectedAt, CancellationToken ct);
}
