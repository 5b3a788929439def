using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy;

/// <summary>
/// The policy file (<c>.driftguard.yml</c>): per-policy switches and severity overrides, the authorized public
/// ports, forbidden CIDRs and waivers. Format: docs/policy-file.md.
/// </summary>
public sealed record PolicyConfig
{
    /// <summary>Largest policy file read, in bytes (1 MiB).</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Every policy enabled at its default severity, ports 80 and 443 authorized, nothing forbidden, no waivers.</summary>
    public static PolicyConfig Default { get; } = new();

    /// <summary>File the configuration was read from; null for <see cref="Default"/>.</summary>
    public string? Path { get; init; }

    /// <summary>Overrides by policy id (<c>policies:</c>).</summary>
    public IReadOnlyDictionary<string, PolicyOverride> Policies { get; init; } = new Dictionary<string, PolicyOverride>();

    /// <summary>Ports that may be open to the internet without failing DG-SG-004 (<c>authorizedPorts:</c>; default 80, 443). Applies to tcp and udp.</summary>
    public IReadOnlyList<int> AuthorizedPorts { get; init; } = [80, 443];

    /// <summary>Networks no rule may reach, for DG-SG-007 (<c>forbiddenCidrs:</c>), canonical.</summary>
    public IReadOnlyList<Cidr> ForbiddenCidrs { get; init; } = [];

    /// <summary>Accepted findings (<c>waivers:</c>), in file order.</summary>
    public IReadOnlyList<Waiver> Waivers { get; init; } = [];

    /// <summary>False when the policy file disables <paramref name="policyId"/>.</summary>
    public bool IsEnabled(string policyId) => !Policies.TryGetValue(policyId, out var o) || o.Enabled;

    /// <summary>The policy's severity after the policy file's override.</summary>
    public Severity SeverityOf(PolicyInfo policy) =>
        Policies.TryGetValue(policy.Id, out var o) && o.Severity is { } s ? s : policy.Severity;

    /// <summary>
    /// Reads a policy file. Never throws for bad input: a missing, oversized (&gt; 1 MiB), unparsable or invalid
    /// file yields <paramref name="errors"/> (one <see cref="Diagnostic"/> per problem, with the line), and the
    /// CLI exits 2. The returned configuration holds whatever was valid; do not gate with it when errors exist.
    /// </summary>
    /// <param name="path">Path of the YAML file.</param>
    /// <param name="errors">Input errors; empty when the file is valid.</param>
    public static PolicyConfig Load(string path, out IReadOnlyList<Diagnostic> errors) =>
        PolicyConfigReader.Load(path, out errors);

    /// <summary>Parses policy-file YAML text; <paramref name="displayPath"/> names the file in diagnostics. Same error contract as <see cref="Load"/>.</summary>
    public static PolicyConfig Parse(string yaml, string displayPath, out IReadOnlyList<Diagnostic> errors) =>
        PolicyConfigReader.Parse(yaml, displayPath, out errors);
}
