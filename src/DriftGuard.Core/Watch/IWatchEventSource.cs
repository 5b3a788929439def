namespace DriftGuard.Core.Watch;

/// <summary>One queued message (an SQS message in production).</summary>
/// <param name="MessageId">Queue message id.</param>
/// <param name="Body">Message body (an EventBridge event, or anything a producer put there).</param>
/// <param name="ReceiptHandle">Handle to delete or release the message.</param>
/// <param name="ReceiveCount">How many times the queue handed it out, this time included (1 when unknown).</param>
public sealed record WatchMessage(string MessageId, string Body, string ReceiptHandle, int ReceiveCount);

/// <summary>
/// Where watch mode gets change events: long-polled, deleted only once handled, released for a later retry when
/// handling failed (so the queue redelivers it, and after its max receive count moves it to the dead-letter queue).
/// </summary>
public interface IWatchEventSource
{
    /// <summary>Waits up to <paramref name="maxWait"/> (whole seconds, at most 20 for SQS) for messages; empty when none came.</summary>
    Task<IReadOnlyList<WatchMessage>> ReceiveAsync(TimeSpan maxWait, CancellationToken ct);

    /// <summary>Deletes a handled message.</summary>
    Task DeleteAsync(WatchMessage message, CancellationToken ct);

    /// <summary>Leaves a message unhandled and makes it visible again after <paramref name="delay"/>.</summary>
    Task ReleaseAsync(WatchMessage message, TimeSpan delay, CancellationToken ct);
}
