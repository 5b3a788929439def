namespace DriftGuard.Sandbox.Sqs;

/// <summary>
/// A message held by a sandbox queue: id, body, the MD5 of the body (hex, as SQS returns it in <c>MD5OfBody</c>),
/// when it was sent, when it is next visible, how often it was received and every receipt handle issued for it.
/// Mutated only under its queue's lock.
/// </summary>
internal sealed class SqsMessage(string messageId, string body, string md5OfBody, DateTimeOffset sentAt, DateTimeOffset visibleAt)
{
    public string MessageId { get; } = messageId;
    public string Body { get; } = body;
    public string Md5OfBody { get; } = md5OfBody;
    public DateTimeOffset SentAt { get; } = sentAt;
    public DateTimeOffset VisibleAt { get; set; } = visibleAt;
    public int ReceiveCount { get; set; }
    public DateTimeOffset? FirstReceivedAt { get; set; }
    public List<string> ReceiptHandles { get; } = [];
}
