using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DriftGuard.Aws.Ledger;
using DriftGuard.Aws.State;
using DriftGuard.Aws.Tests.Sandbox;
using DriftGuard.Core.Ledger;

namespace DriftGuard.Aws.Tests.Ledger;

/// <summary>The S3 ledger against the sandbox's S3, which honours If-Match / If-None-Match like S3.</summary>
public sealed class S3LedgerStoreTests : SandboxTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private AmazonS3Client S3() => S3StateFetcher.CreateClient(Server.Endpoint.ToString(), "us-east-1", new BasicAWSCredentials("AKIALEDGERTEST000001", "secret"));

    private static LedgerEntry Entry(string fingerprint) => new(LedgerEventType.Detected, fingerprint, T0, "run-1");

    /// <summary>An S3 client that lets another writer append right after its first read, forcing one conflict.</summary>
    private sealed class InterleavingS3Client(string endpoint, Func<Task> interleave) : AmazonS3Client(
        new BasicAWSCredentials("AKIALEDGERTEST000002", "secret"),
        new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
                             RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED })
    {
        private bool _done;
        public override async Task<GetObjectResponse> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default)
        {
            var response = await base.GetObjectAsync(request, cancellationToken);
            if (!_done)
            {
                _done = true;
                await interleave();
            }
            return response;
        }
    }

    [Fact]
    public async Task Append_WhenReadBack_ShouldRoundTripThroughS3()
    {
        // Given
        var store = new S3LedgerStore(S3(), "ledgers", "prod/drift.jsonl");
        // When
        await store.AppendAsync([Entry("fp-1")], CancellationToken.None);
        await store.AppendAsync([Entry("fp-2"), Entry("fp-3")], CancellationToken.None);
        var read = await store.ReadAsync(CancellationToken.None);
        // Then
        read.Entries.Select(e => e.Fingerprint).ShouldBe(["fp-1", "fp-2", "fp-3"]);
        Encoding.UTF8.GetString(Server.S3.Get("ledgers", "prod/drift.jsonl")!.Body).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3);
    }

    [Fact]
    public async Task Append_WhenAnotherWriterWinsTheRace_ShouldReReadRetryAndLoseNoEntry()
    {
        // Given: the object exists; another writer appends between our read and our write
        var other = new S3LedgerStore(S3(), "ledgers", "race.jsonl");
        await other.AppendAsync([Entry("fp-first")], CancellationToken.None);
        var ours = new S3LedgerStore(new InterleavingS3Client(Server.Endpoint.ToString(), () => other.AppendAsync([Entry("fp-theirs")], CancellationToken.None)), "ledgers", "race.jsonl");
        // When
        await ours.AppendAsync([Entry("fp-ours")], CancellationToken.None);
        // Then
        ours.Conflicts.ShouldBe(1);
        (await ours.ReadAsync(CancellationToken.None)).Entries.Select(e => e.Fingerprint).ShouldBe(["fp-first", "fp-theirs", "fp-ours"]);
    }

    [Fact]
    public async Task Append_WhenManyWritersAppendAtOnce_ShouldLoseNoEntry()
    {
        // Given
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var store = new S3LedgerStore(S3(), "ledgers", "busy.jsonl");
            for (var i = 0; i < 8; i++) await store.AppendAsync([Entry($"fp-{w}-{i}")], CancellationToken.None);
        }));
        // When
        await Task.WhenAll(writers);
        // Then
        var read = await new S3LedgerStore(S3(), "ledgers", "busy.jsonl").ReadAsync(CancellationToken.None);
        read.Entries.Select(e => e.Fingerprint).Distinct().Count().ShouldBe(48);
    }

    [Fact]
    public async Task Append_WhenTheObjectHoldsACorruptLine_ShouldKeepItAndReportItOnRead()
    {
        // Given
        Server.S3.Put("ledgers", "old.jsonl", Encoding.UTF8.GetBytes(LedgerLines.Format(Entry("fp-1")) + "\nnot json at all\n"));
        var store = new S3LedgerStore(S3(), "ledgers", "old.jsonl");
        // When
        await store.AppendAsync([Entry("fp-2")], CancellationToken.None);
        var read = await store.ReadAsync(CancellationToken.None);
        // Then
        read.Entries.Select(e => e.Fingerprint).ShouldBe(["fp-1", "fp-2"]);
        read.Problems.ShouldHaveSingleItem().Line.ShouldBe(2);
    }

    [Fact]
    public async Task PutObject_WhenIfMatchIsStale_ShouldBeRefusedWith412()
    {
        // Given
        using var s3 = S3();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "bkt", Key = "k", ContentBody = "v1", UseChunkEncoding = false });
        // When
        var ex = await Should.ThrowAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest
            { BucketName = "bkt", Key = "k", ContentBody = "v2", IfMatch = "\"0123456789abcdef0123456789abcdef\"", UseChunkEncoding = false }));
        // Then
        ex.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        Encoding.UTF8.GetString(Server.S3.Get("bkt", "k")!.Body).ShouldBe("v1");
    }

    [Fact]
    public async Task PutObject_WhenIfNoneMatchStarAndTheKeyExists_ShouldBeRefusedWith412()
    {
        // Given
        using var s3 = S3();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "bkt", Key = "k", ContentBody = "v1", UseChunkEncoding = false });
        // When
        var ex = await Should.ThrowAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest
            { BucketName = "bkt", Key = "k", ContentBody = "v2", IfNoneMatch = "*", UseChunkEncoding = false }));
        // Then
        ex.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task PutObject_WhenSentAwsChunked_ShouldStoreTheDecodedBody()
    {
        // Given
        using var s3 = S3();
        // When: the SDK's default over plain HTTP is a SigV4 streaming (aws-chunked) body
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "bkt", Key = "chunked", ContentBody = "hello ledger" });
        // Then
        Encoding.UTF8.GetString(Server.S3.Get("bkt", "chunked")!.Body).ShouldBe("hello ledger");
    }

    [Fact]
    public async Task Open_WhenGivenAnS3Uri_ShouldWriteToThatObject()
    {
        // Given
        var (store, error) = LedgerStores.Open("s3://team-ledgers/drift.jsonl", Server.Endpoint.ToString(), "us-east-1", new BasicAWSCredentials("AKIALEDGERTEST000003", "secret"));
        // When
        await store!.AppendAsync([Entry("fp-1")], CancellationToken.None);
        // Then
        error.ShouldBeNull();
        store.Name.ShouldBe("s3://team-ledgers/drift.jsonl");
        Server.S3.Get("team-ledgers", "drift.jsonl").ShouldNotBeNull();
    }
}
