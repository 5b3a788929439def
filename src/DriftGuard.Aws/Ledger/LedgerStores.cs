using Amazon.Runtime;
using DriftGuard.Aws.State;
using DriftGuard.Core.Ledger;

namespace DriftGuard.Aws.Ledger;

/// <summary>Opens the ledger a <c>--ledger</c> value names: <c>s3://bucket/key</c> (an <see cref="S3LedgerStore"/>) or a local path (a <see cref="FileLedgerStore"/>).</summary>
public static class LedgerStores
{
    /// <summary>
    /// Opens <paramref name="target"/>. For S3, <paramref name="s3Endpoint"/> (null = AWS) and <paramref name="region"/>
    /// configure the client (path-style for local servers, see <see cref="S3StateFetcher.CreateClient"/>). Returns an
    /// error message instead of throwing for an invalid S3 URI.
    /// </summary>
    public static (ILedgerStore? Store, string? Error) Open(string target, string? s3Endpoint, string region, AWSCredentials? credentials = null)
    {
        if (!target.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) return (new FileLedgerStore(target), null);
        if (!S3StateFetcher.TryParse(target, out var bucket, out var key)) return (null, $"invalid --ledger '{target}': use s3://bucket/key");
        return (new S3LedgerStore(S3StateFetcher.CreateClient(s3Endpoint, region, credentials), bucket, key), null);
    }
}
