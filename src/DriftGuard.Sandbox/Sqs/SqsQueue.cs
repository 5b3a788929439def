using System.Security.Cryptography;
using System.Text;

namespace DriftGuard.Sandbox.Sqs;

/// <summary>
/// One standard SQS queue of the sandbox: at-least-once delivery, a visibility timeout per receive, receipt handles,
/// and a signal that wakes long polls when a message arrives. Thread-safe.
/// </summary>
/// <remarks>
/// Semantics follow https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
/// and https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html:
/// a received message is hidden for the visibility timeout and comes back unless deleted; any handle issued for a
/// message deletes it; deleting an already deleted message with a valid handle succeeds.
/// </remarks>
public sealed class SqsQueue
{
    private readonly Lock _gate = new();
    private readonly List<SqsMessage> _messages = [];
    private readonly Dictionary<string, SqsMessage?> _handles = new(StringComparer.Ordinal);
    private TaskCompletionSource _arrived = NewSignal();

    internal SqsQueue(string name, Uri url, string arn, TimeSpan visibilityTimeout)
    {
        Name = name;
        Url = url;
        Arn = arn;
        VisibilityTimeout = visibilityTimeout;
    }

    /// <summary>Queue name.</summary>
    public string Name { get; }

    /// <summary>Queue URL: <c>{endpoint}{account}/{name}</c>.</summary>
    public Uri Url { get; }

    /// <summary>Queue ARN: <c>arn:aws:sqs:{region}:{account}:{name}</c>.</summary>
    public string Arn { get; }

    /// <summary>Default visibility timeout (30 s unless set at creation with the <c>VisibilityTimeout</c> attribute).</summary>
    public TimeSpan VisibilityTimeout { get; }

    /// <summary>Messages not yet deleted (visible or in flight).</summary>
    public int Count
    {
        get { lock (_gate) return _messages.Count; }
    }

    /// <summary>Messages visible now (ApproximateNumberOfMessages).</summary>
    public int VisibleCount
    {
        get { var now = DateTimeOffset.UtcNow; lock (_gate) return _messages.Count(m => m.VisibleAt <= now); }
    }

    /// <summary>Deletes every message (PurgeQueue), e.g. the events of setting a world up.</summary>
    public void Purge()
    {
        lock (_gate)
        {
            _messages.Clear();
            foreach (var h in _handles.Keys.ToList()) _handles[h] = null;
        }
    }

    /// <summary>Stores a message, visible after <paramref name="delay"/>; returns its id and body MD5.</summary>
    public (string MessageId, string Md5OfBody) Send(string body, TimeSpan delay = default)
    {
        var now = DateTimeOffset.UtcNow;
        var message = new SqsMessage(Guid.NewGuid().ToString(), body, Md5Hex(body), now, now + delay);
        TaskCompletionSource signal;
        lock (_gate)
        {
            _messages.Add(message);
            signal = _arrived;
            _arrived = NewSignal();
        }
        signal.TrySetResult();
        return (message.MessageId, message.Md5OfBody);
    }

    /// <summary>Hands out up to <paramref name="max"/> visible messages, oldest first, hiding each for <paramref name="visibility"/>.</summary>
    public IReadOnlyList<SqsReceived> Receive(int max, TimeSpan visibility)
    {
        var now = DateTimeOffset.UtcNow;
        var result = new List<SqsReceived>();
        lock (_gate)
        {
            foreach (var m in _messages.Where(m => m.VisibleAt <= now).Take(max))
            {
                m.VisibleAt = now + visibility;
                m.ReceiveCount++;
                m.FirstReceivedAt ??= now;
                var handle = NewHandle(m.MessageId);
                m.ReceiptHandles.Add(handle);
                _handles[handle] = m;
                result.Add(new SqsReceived(m.MessageId, handle, m.Body, m.Md5OfBody, m.SentAt, m.ReceiveCount, m.FirstReceivedAt.Value));
            }
        }
        return result;
    }

    /// <summary>Deletes the message a handle was issued for. False when this queue never issued the handle.</summary>
    public bool Delete(string receiptHandle)
    {
        lock (_gate)
        {
            if (!_handles.TryGetValue(receiptHandle, out var message)) return false;
            if (message is null) return true;
            _messages.Remove(message);
            foreach (var h in message.ReceiptHandles) _handles[h] = null;
            return true;
        }
    }

    /// <summary>Makes an in-flight message visible again after <paramref name="visibility"/> (0 = now). False for an unknown handle.</summary>
    public bool ChangeVisibility(string receiptHandle, TimeSpan visibility)
    {
        TaskCompletionSource? signal = null;
        lock (_gate)
        {
            if (!_handles.TryGetValue(receiptHandle, out var message)) return false;
            if (message is null) return true;
            message.VisibleAt = DateTimeOffset.UtcNow + visibility;
            if (visibility <= TimeSpan.Zero)
            {
                signal = _arrived;
                _arrived = NewSignal();
            }
        }
        signal?.TrySetResult();
        return true;
    }

    /// <summary>
    /// Long poll: waits up to <paramref name="wait"/> for a visible message and hands out up to <paramref name="max"/>.
    /// Returns early (empty) when <paramref name="ct"/> is cancelled, e.g. the client hung up.
    /// </summary>
    public async Task<IReadOnlyList<SqsReceived>> ReceiveAsync(int max, TimeSpan visibility, TimeSpan wait, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            Task arrived;
            DateTimeOffset? nextVisible;
            lock (_gate)
            {
                arrived = _arrived.Task;
                nextVisible = _messages.Count == 0 ? null : _messages.Min(m => m.VisibleAt);
            }
            var received = Receive(max, visibility);
            var now = DateTimeOffset.UtcNow;
            if (received.Count > 0 || now >= deadline || ct.IsCancellationRequested) return received;
            // Wake on a new message, when a hidden message becomes visible again, or at the deadline.
            var until = nextVisible is { } v && v > now && v < deadline ? v : deadline;
            try
            {
                await Task.WhenAny(arrived, Task.Delay(until - now + TimeSpan.FromMilliseconds(1), ct)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string NewHandle(string messageId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{messageId}#{Guid.NewGuid():N}"));

#pragma warning disable CA5351 // SQS defines MD5OfBody as the MD5 digest of the body; it is a checksum, not a security control
    internal static string Md5Hex(string body) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351
}
