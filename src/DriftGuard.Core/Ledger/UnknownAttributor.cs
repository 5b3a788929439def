using DriftGuard.Core.Drift;

namespace DriftGuard.Core.Ledger;

/// <summary>An attributor that cannot ask CloudTrail (e.g. live state read from a file) and says why.</summary>
public sealed class UnknownAttributor(string reason) : IChangeAttributor
{
    /// <inheritdoc />
    public Task<ChangeAttribution> AttributeAsync(DriftItem drift, DateTimeOffset detectedAt, CancellationToken ct) =>
        Task.FromResult(ChangeAttribution.Unknown(reason));
}
