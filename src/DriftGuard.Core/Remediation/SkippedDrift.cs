using DriftGuard.Core.Drift;

namespace DriftGuard.Core.Remediation;

/// <summary>A drift the plan leaves alone, and why (out of scope, unmanaged group, ignored, unknown value…).</summary>
public sealed record SkippedDrift(DriftItem Drift, string Reason);
