using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Sqs;

namespace DriftGuard.Sandbox.Events;

/// <summary>
/// Plays CloudTrail + EventBridge for the sandbox: after each mutating EC2 call whose name the watch rule selects
/// (<see cref="CloudTrailEventFactory.WatchedEventNames"/>), failed calls included as CloudTrail records them, the
/// EventBridge-shaped event is sent to the event queue after <see cref="SandboxOptions.EventDeliveryDelay"/>.
/// </summary>
internal sealed class EventDelivery(SqsQueue queue, TimeSpan delay, string region, string accountId)
{
    private long _delivered;

    /// <summary>Events sent to the queue so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    public void OnCall(SandboxCall call)
    {
        if (call.Service != "ec2" || !CloudTrailEventFactory.WatchedEventNames.Contains(call.Action)) return;
        var body = CloudTrailEventFactory.Build(call, region, accountId);
        if (delay <= TimeSpan.Zero)
        {
            Send(body);
            return;
        }
        _ = Task.Delay(delay).ContinueWith(_ => Send(body), TaskScheduler.Default);
    }

    private void Send(string body)
    {
        queue.Send(body);
        Interlocked.Increment(ref _delivered);
    }
}
