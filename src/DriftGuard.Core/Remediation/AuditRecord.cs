namespace DriftGuard.Core.Remediation;

/// <summary>
/// One line of the remediation audit log (<c>--audit-log FILE</c>, JSON Lines) and one item of <c>actions[]</c> in
/// <c>--format json</c>: who changed which rule of which group, when, with which request, and how it ended.
/// </summary>
/// <param name="Time">UTC time the call returned.</param>
/// <param name="Account">Account owning the group (the caller's account from STS when the group carries none).</param>
/// <param name="Region">Region of the group.</param>
/// <param name="Group">Live <c>sg-</c> id.</param>
/// <param name="Action"><c>authorize-ingress</c>, <c>revoke-egress</c>, <c>update-description-ingress</c>, or the same prefixed
/// <c>dry-run:</c> for the permission check made before any change.</param>
/// <param name="Rule">The atomic rule as <c>.driftguardignore</c> writes it (<c>ingress:tcp:22:0.0.0.0/0</c>), with its <c>sgr-</c> id when known.</param>
/// <param name="RequestId">EC2 request id of the call (the same for every rule of one batch); null when no call was answered.</param>
/// <param name="Principal">Caller ARN from STS <c>GetCallerIdentity</c>, or <c>unknown</c> when that call failed.</param>
/// <param name="Outcome"><c>applied</c>, <c>already-done</c> (the rule was already as declared), <c>permitted</c> (dry run),
/// <c>denied</c>, <c>failed</c>.</param>
public sealed record AuditRecord(DateTimeOffset Time, string Account, string Region, string Group, string Action, string Rule,
                                 string? RequestId, string Principal, string Outcome)
{
    /// <summary>EC2 error code and message when the outcome is <c>denied</c> or <c>failed</c>.</summary>
    public string? Error { get; init; }
}
