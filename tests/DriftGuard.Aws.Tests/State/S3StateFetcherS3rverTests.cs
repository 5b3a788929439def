using Amazon.Runtime;
using Amazon.S3.Model;
using DriftGuard.Aws.Ledger;
using DriftGuard.Aws.State;
using DriftGuard.Core.Declared.Terraform;
using DriftGuard.Core.Ledger;

using DriftGuard.Tests;

namespace DriftGuard.Aws.Tests.State;

/// <summary>Terraform state and the drift ledger on s3rver: an S3 implementation DriftGuard did not write.</summary>
public sealed class S3StateFetcherS3rverTests(S3rver s3) : IClassFixture<S3rver>
{
    private static readonly BasicAWSCredentials Credentials = new(S3rver.AccessKey, S3rver.SecretKey);

    private async Task<string> PutStateAsync(string bucket, string key)
    {
        using var client = S3StateFetcher.CreateClient(s3.Endpoint, "us-east-1", Credentials);
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var state = Path.Combine(RepoPaths.Root, "iac", "compliant", "terraform", "terraform.tfstate");
        // Plain body: s3rver stores aws-chunked uploads with their chunk signatures in them.
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, FilePath = state, UseChunkEncoding = false });
        return state;
    }

    [S3rverFact]
    public async Task FetchAsync_FromS3rver_ShouldDownloadTheStateByteForByteAndReadItsGroups()
    {
        // Given the example Terraform state in a bucket
        var original = await PutStateAsync("tf-state", "prod/network/terraform.tfstate");
        // When
        var fetched = await S3StateFetcher.FetchAsync("s3://tf-state/prod/network/terraform.tfstate", s3.Endpoint, "us-east-1", CancellationToken.None, Credentials);
        // Then
        fetched.Error.ShouldBeNull();
        (await File.ReadAllTextAsync(fetched.LocalPath!)).ShouldBe(await File.ReadAllTextAsync(original));
        var doc = new TerraformStateReader().Read(fetched.LocalPath!, "s3://tf-state/prod/network/terraform.tfstate", new DriftGuard.Core.Declared.ReaderOptions());
        doc.Errors.ShouldBeEmpty();
        doc.Groups.ShouldContain(g => g.Key == "aws_security_group.app");
    }

    [S3rverFact]
    public async Task FetchAsync_WhenTheKeyIsMissing_ShouldReturnAnErrorNamingTheUri()
    {
        // Given a bucket without that key
        await PutStateAsync("tf-state-2", "prod/terraform.tfstate");
        // When
        var fetched = await S3StateFetcher.FetchAsync("s3://tf-state-2/staging/terraform.tfstate", s3.Endpoint, "us-east-1", CancellationToken.None, Credentials);
        // Then
        fetched.LocalPath.ShouldBeNull();
        fetched.Error.ShouldNotBeNull().ShouldStartWith("cannot read s3://tf-state-2/staging/terraform.tfstate: NoSuchKey");
    }

    [S3rverFact]
    public async Task S3LedgerStore_OnS3rver_ShouldAppendAndReadBackEveryEntry()
    {
        // Given a ledger in a bucket of s3rver
        using (var client = S3StateFetcher.CreateClient(s3.Endpoint, "us-east-1", Credentials))
            await client.PutBucketAsync(new PutBucketRequest { BucketName = "ledgers" });
        var (store, error) = LedgerStores.Open("s3://ledgers/prod/drift.jsonl", s3.Endpoint, "us-east-1", Credentials);
        error.ShouldBeNull();
        var at = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        // When two runs append
        await store!.AppendAsync([new LedgerEntry(LedgerEventType.Detected, "fp-1", at, "run-1")], CancellationToken.None);
        await store.AppendAsync([new LedgerEntry(LedgerEventType.Detected, "fp-2", at, "run-2"), new LedgerEntry(LedgerEventType.Verified, "fp-1", at, "run-2")], CancellationToken.None);
        var read = await store.ReadAsync(CancellationToken.None);
        // Then every line is there, in order, and nothing else
        read.Problems.ShouldBeEmpty();
        read.Entries.Select(e => (e.Event, e.Fingerprint, e.Run)).ShouldBe(
            [(LedgerEventType.Detected, "fp-1", "run-1"), (LedgerEventType.Detected, "fp-2", "run-2"), (LedgerEventType.Verified, "fp-1", "run-2")]);
    }
}
