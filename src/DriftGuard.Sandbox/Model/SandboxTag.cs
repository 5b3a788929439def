namespace DriftGuard.Sandbox.Model;

/// <summary>
/// One EC2 tag: <c>Key</c> (1–128 characters) and <c>Value</c> (0–256 characters, never null; EC2 stores a
/// missing value as the empty string). See https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html.
/// </summary>
public sealed record SandboxTag(string Key, string Value);
