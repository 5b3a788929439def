using System.Collections.Concurrent;

namespace DriftGuard.Sandbox.Sqs;

/// <summary>
/// The sandbox's SQS queues by name. Queue URLs are <c>{endpoint}{account}/{name}</c>, the shape of
/// <c>https://sqs.us-east-1.amazonaws.com/123456789012/name</c>, so a URL names its queue by its last path segment.
/// </summary>
public sealed class SqsQueues
{
    private readonly ConcurrentDictionary<string, SqsQueue> _queues = new(StringComparer.Ordinal);
    private readonly Func<Uri> _endpoint;
    private readonly string _region;
    private readonly string _account;

    internal SqsQueues(Func<Uri> endpoint, string region, string account)
    {
        _endpoint = endpoint;
        _region = region;
        _account = account;
    }

    /// <summary>Every queue, by name.</summary>
    public IReadOnlyCollection<SqsQueue> All => [.. _queues.Values];

    /// <summary>Returns the queue of that name, creating it when absent (CreateQueue is idempotent for equal attributes).</summary>
    public SqsQueue GetOrCreate(string name, TimeSpan? visibilityTimeout = null) =>
        _queues.GetOrAdd(name, n => new SqsQueue(n, new Uri(_endpoint(), $"{_account}/{n}"), $"arn:aws:sqs:{_region}:{_account}:{n}",
            visibilityTimeout ?? TimeSpan.FromSeconds(30)));

    /// <summary>The queue of that name, or null.</summary>
    public SqsQueue? ByName(string name) => _queues.GetValueOrDefault(name);

    /// <summary>The queue a URL points at (by its last path segment), or null.</summary>
    public SqsQueue? ByUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var name = uri.AbsolutePath.TrimEnd('/').Split('/').LastOrDefault();
        return name is null ? null : ByName(name);
    }
}
