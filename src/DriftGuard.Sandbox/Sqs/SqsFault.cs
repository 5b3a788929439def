namespace DriftGuard.Sandbox.Sqs;

/// <summary>
/// An SQS error in the JSON protocol: <c>__type</c> (<c>com.amazonaws.sqs#Code</c>), message, HTTP status and the legacy
/// query error code the SDKs also read from the <c>x-amzn-query-error</c> header.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html</remarks>
internal sealed class SqsFault(string code, string message, string queryCode, int status = 400) : Exception(message)
{
    public string Code { get; } = code;
    public string QueryCode { get; } = queryCode;
    public int Status { get; } = status;

    public static SqsFault QueueDoesNotExist() =>
        new("QueueDoesNotExist", "The specified queue does not exist.", "AWS.SimpleQueueService.NonExistentQueue");
    public static SqsFault MissingParameter(string name) =>
        new("MissingParameter", $"The request must contain the parameter {name}.", "MissingParameter");
    public static SqsFault InvalidParameterValue(string message) =>
        new("InvalidParameterValue", message, "InvalidParameterValue");
    public static SqsFault ReceiptHandleIsInvalid(string handle) =>
        new("ReceiptHandleIsInvalid", $"The input receipt handle \"{handle}\" is not a valid receipt handle.", "ReceiptHandleIsInvalid");
    public static SqsFault UnsupportedOperation(string target) =>
        new("UnsupportedOperation", $"The operation {target} is not supported by the DriftGuard sandbox.", "AWS.SimpleQueueService.UnsupportedOperation");
}
