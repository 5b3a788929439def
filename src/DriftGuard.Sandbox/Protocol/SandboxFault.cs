namespace DriftGuard.Sandbox.Protocol;

/// <summary>
/// An API error as EC2 reports it: an error code from
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html, a message and the HTTP status.
/// Thrown inside an action; the server turns it into the error XML.
/// </summary>
internal sealed class SandboxFault(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;

    public static SandboxFault InvalidParameterValue(string message) => new("InvalidParameterValue", message);
    public static SandboxFault MissingParameter(string name) =>
        new("MissingParameter", $"The request must contain the parameter {name}");
    public static SandboxFault GroupNotFound(string idOrName) =>
        new("InvalidGroup.NotFound", $"The security group '{idOrName}' does not exist");
    public static SandboxFault RuleNotFound(string ruleId) =>
        new("InvalidSecurityGroupRuleId.NotFound", $"The security group rule ID '{ruleId}' does not exist");
    public static SandboxFault PermissionNotFound() =>
        new("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
}
