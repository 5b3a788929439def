using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace DriftGuard.Aws.State;

/// <summary>
/// Downloads a Terraform state from an S3 backend (<c>s3://bucket/key</c>) to a local temporary file so the
/// declared readers can read it like any other file.
/// </summary>
/// <remarks>
/// Uses <see href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html">GetObject</see>. Path-style
/// addressing and "when required" checksums keep S3-compatible servers (the sandbox, s3rver) working: SDK v4
/// otherwise sends trailing checksums they do not understand.
/// </remarks>
public static class S3StateFetcher
{
    /// <summary>Result: the local copy, or an error message (one line).</summary>
    public sealed record Fetched(string? LocalPath, string? Error);

    /// <summary>Splits <c>s3://bucket/key</c>; false when the URI has no bucket or key.</summary>
    public static bool TryParse(string uri, out string bucket, out string key)
    {
        bucket = key = "";
        if (!uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) return false;
        var rest = uri[5..];
        var slash = rest.IndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1) return false;
        bucket = rest[..slash];
        key = rest[(slash + 1)..];
        return true;
    }

    /// <summary>Creates an S3 client for <paramref name="endpoint"/> (null = AWS) in <paramref name="region"/>.</summary>
    public static AmazonS3Client CreateClient(string? endpoint, string region, AWSCredentials? credentials = null)
    {
        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = RequestRetryMode.Standard,
        };
        if (!string.IsNullOrEmpty(endpoint))
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region;
        }
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    /// <summary>
    /// Removes a copy made by <see cref="FetchAsync"/> (its temporary folder) once it has been read: a Terraform state may
    /// hold secrets. Never throws; a folder that cannot be removed is left behind.
    /// </summary>
    public static void DeleteLocalCopy(string localPath)
    {
        try { Directory.Delete(Path.GetDirectoryName(localPath)!, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* left behind: harmless */ }
    }

    /// <summary>Downloads <paramref name="uri"/>; never throws for AWS or I/O errors (they become <see cref="Fetched.Error"/>).</summary>
    public static async Task<Fetched> FetchAsync(string uri, string? endpoint, string region, CancellationToken ct, AWSCredentials? credentials = null)
    {
        if (!TryParse(uri, out var bucket, out var key)) return new(null, "invalid S3 URI: use s3://bucket/key");
        try
        {
            using var client = CreateClient(endpoint, region, credentials);
            using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, ct);
            var dir = Directory.CreateTempSubdirectory("driftguard-s3-").FullName;
            var local = Path.Combine(dir, Path.GetFileName(key).Length > 0 ? Path.GetFileName(key) : "terraform.tfstate");
            await using (var file = File.Create(local))
                await response.ResponseStream.CopyToAsync(file, ct);
            return new(local, null);
        }
        catch (AmazonS3Exception ex)
        {
            return new(null, $"cannot read {uri}: {ex.ErrorCode ?? ex.StatusCode.ToString()}: {ex.Message}");
        }
        catch (AmazonClientException ex)
        {
            return new(null, $"cannot read {uri}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            return new(null, $"cannot read {uri}: {ex.Message}");
        }
    }
}
