using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DriftGuard.Core.Ledger;

namespace DriftGuard.Aws.Ledger;

/// <summary>
/// The ledger as one S3 object (JSON Lines). An append reads the object and its ETag, adds the lines, and writes it
/// back conditionally: <c>If-Match: ETAG</c> when it existed, <c>If-None-Match: *</c> when it did not. When another
/// writer got there first S3 answers 412 PreconditionFailed (or 409 ConditionalRequestConflict) and the append
/// re-reads and retries, so no writer's lines are lost. Existing text, corrupt lines included, is kept byte for byte.
/// See https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html.
/// </summary>
public sealed class S3LedgerStore(IAmazonS3 s3, string bucket, string key) : ILedgerStore
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Most attempts of one append before giving up.</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>How many conditional writes were refused and retried (diagnostics, tests).</summary>
    public int Conflicts => _conflicts;

    private int _conflicts;

    /// <inheritdoc />
    public string Name => $"s3://{bucket}/{key}";

    /// <inheritdoc />
    public async Task<LedgerReadResult> ReadAsync(CancellationToken ct)
    {
        var (text, _) = await GetAsync(ct).ConfigureAwait(false);
        return text is null ? LedgerReadResult.Empty : LedgerLines.Parse(text, Name);
    }

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var lines = LedgerLines.Format(entries);
        for (var attempt = 1; ; attempt++)
        {
            var (text, etag) = await GetAsync(ct).ConfigureAwait(false);
            var body = text is null or "" ? lines : (text.EndsWith('\n') ? text : text + "\n") + lines;
            var put = new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                ContentBody = body,
                ContentType = "application/x-ndjson",
                // Plain (not aws-chunked) bodies: S3-compatible servers and the sandbox read them as is.
                UseChunkEncoding = false,
            };
            if (etag is null) put.IfNoneMatch = "*";
            else put.IfMatch = etag;
            try
            {
                await s3.PutObjectAsync(put, ct).ConfigureAwait(false);
                return;
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict && attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _conflicts);
                await Task.Delay(Random.Shared.Next(10, 40 * attempt), ct).ConfigureAwait(false);
            }
            catch (AmazonS3Exception ex)
            {
                throw new LedgerException($"{Name}: cannot append to ledger: {ex.ErrorCode ?? ex.StatusCode.ToString()}: {ex.Message}", ex);
            }
            catch (AmazonClientException ex)
            {
                throw new LedgerException($"{Name}: cannot append to ledger: {ex.Message}", ex);
            }
        }
    }

    private async Task<(string? Text, string? ETag)> GetAsync(CancellationToken ct)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, ct).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream, Utf8);
            return (await reader.ReadToEndAsync(ct).ConfigureAwait(false), response.ETag);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode is "NoSuchKey" or null or "NotFound")
        {
            return (null, null);
        }
        catch (AmazonS3Exception ex)
        {
            throw new LedgerException($"{Name}: cannot read ledger: {ex.ErrorCode ?? ex.StatusCode.ToString()}: {ex.Message}", ex);
        }
        catch (AmazonClientException ex)
        {
            throw new LedgerException($"{Name}: cannot read ledger: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new LedgerException($"{Name}: cannot read ledger: {ex.Message}", ex);
        }
    }
}
