using System.Text.Json.Serialization;

namespace DriftGuard.Core.Ledger;

/// <summary>What happened to a drift, one ledger line each. Wire names are the lower-case member names.</summary>
public enum LedgerEventType
{
    /// <summary>A check saw the drift (written on every check that sees it: first seen / last seen).</summary>
    [JsonStringEnumMemberName("detected")] Detected,
    /// <summary>CloudTrail attribution for the drift: who made the change, when, from where (or why unknown).</summary>
    [JsonStringEnumMemberName("attributed")] Attributed,
    /// <summary>A remediation reapplied the declared rules (remediate, watch).</summary>
    [JsonStringEnumMemberName("remediated")] Remediated,
    /// <summary>A re-read after remediation confirmed the drift is gone (remediate, watch).</summary>
    [JsonStringEnumMemberName("verified")] Verified,
    /// <summary>A later check no longer saw the drift in a group it read, without a recorded remediation (fixed by hand or by apply).</summary>
    [JsonStringEnumMemberName("resolved")] Resolved,
}
