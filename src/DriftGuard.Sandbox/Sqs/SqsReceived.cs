namespace DriftGuard.Sandbox.Sqs;

/// <summary>One message as a ReceiveMessage call hands it out: a fresh receipt handle plus the message's system attributes.</summary>
/// <param name="MessageId">SQS message id (a GUID).</param>
/// <param name="ReceiptHandle">Handle for DeleteMessage / ChangeMessageVisibility; new on every receive.</param>
/// <param name="Body">Message body as sent.</param>
/// <param name="Md5OfBody">Lower-case hex MD5 of the UTF-8 body.</param>
/// <param name="SentAt">When SendMessage stored it.</param>
/// <param name="ReceiveCount">How many times it has been received, this time included.</param>
/// <param name="FirstReceivedAt">When it was first received.</param>
public sealed record SqsReceived(string MessageId, string ReceiptHandle, string Body, string Md5OfBody, DateTimeOffset SentAt,
                                 int ReceiveCount, DateTimeOffset FirstReceivedAt);
