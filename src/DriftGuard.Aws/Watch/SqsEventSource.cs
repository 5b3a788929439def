using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using DriftGuard.Core.Watch;

namespace DriftGuard.Aws.Watch;

/// <summary>
/// The watch event source over an SQS queue (AWSSDK.SQS): long-polls <c>ReceiveMessage</c> (up to 10 messages, up to
/// 20 s), deletes handled messages with <c>DeleteMessage</c>, and releases failed ones with
/// <c>ChangeMessageVisibility</c> so SQS redelivers them (and moves them to the dead-letter queue after the redrive
/// policy's <c>maxReceiveCount</c>). SDK errors propagate; the watch loop logs and retries them.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html,
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html,
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html.
/// </remarks>
public sealed class SqsEventSource : IWatchEventSource, IDisposable
{
    private readonly Func<IAmazonSQS> _factory;
    private IAmazonSQS? _client;
    private readonly bool _owns;

    /// <summary>A source over <paramref name="queueUrl"/> using an existing client (not disposed here).</summary>
    public SqsEventSource(IAmazonSQS sqs, string queueUrl) : this(() => sqs, queueUrl, owns: false) { }

    private SqsEventSource(Func<IAmazonSQS> factory, string queueUrl, bool owns)
    {
        _factory = factory;
        QueueUrl = queueUrl;
        _owns = owns;
    }

    /// <summary>Created on first use, so missing credentials are a receive failure the loop logs and retries.</summary>
    private IAmazonSQS Sqs => _client ??= _factory();

    /// <summary>The queue read.</summary>
    public string QueueUrl { get; }

    /// <summary>Visibility timeout asked for on each receive: long enough to read, revert and verify.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A source with its own client for <paramref name="options"/> (endpoint override for the sandbox, region, credentials).
    /// </summary>
    public static SqsEventSource Create(string queueUrl, WatchAwsOptions options)
    {
        var config = new AmazonSQSConfig { RetryMode = Amazon.Runtime.RequestRetryMode.Standard };
        if (options.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = options.Region;
        }
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        return new SqsEventSource(() => options.Credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(options.Credentials, config), queueUrl, owns: true);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WatchMessage>> ReceiveAsync(TimeSpan maxWait, CancellationToken ct)
    {
        var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = QueueUrl,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = (int)Math.Clamp(Math.Ceiling(maxWait.TotalSeconds), 0, 20),
            VisibilityTimeout = (int)VisibilityTimeout.TotalSeconds,
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        }, ct).ConfigureAwait(false);
        return [.. (response.Messages ?? []).Select(m => new WatchMessage(m.MessageId ?? "", m.Body ?? "", m.ReceiptHandle ?? "",
            m.Attributes is { } a && a.TryGetValue("ApproximateReceiveCount", out var c) && int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1))];
    }

    /// <inheritdoc />
    public Task DeleteAsync(WatchMessage message, CancellationToken ct) =>
        Sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = QueueUrl, ReceiptHandle = message.ReceiptHandle }, ct);

    /// <inheritdoc />
    public Task ReleaseAsync(WatchMessage message, TimeSpan delay, CancellationToken ct) =>
        Sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
        {
            QueueUrl = QueueUrl,
            ReceiptHandle = message.ReceiptHandle,
            VisibilityTimeout = (int)Math.Clamp(Math.Ceiling(delay.TotalSeconds), 0, 43200),
        }, ct);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owns) _client?.Dispose();
    }
}
