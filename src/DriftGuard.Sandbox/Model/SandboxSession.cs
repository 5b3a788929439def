namespace DriftGuard.Sandbox.Model;

/// <summary>
/// Temporary credentials handed out by STS AssumeRole: the <c>ASIA…</c> access key id, the assumed-role
/// principal ARN (<c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>) later calls with that key act as, and
/// when they expire (not enforced; kept for the record).
/// </summary>
public sealed record SandboxSession(string AccessKeyId, string PrincipalArn, DateTimeOffset Expiration);
