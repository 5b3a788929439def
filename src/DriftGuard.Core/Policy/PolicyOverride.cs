using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy;

/// <summary>A policy file entry under <c>policies:</c> for one policy id.</summary>
/// <param name="Enabled">False turns the policy off: it yields no findings at all.</param>
/// <param name="Severity">Replaces the policy's default severity when set.</param>
public sealed record PolicyOverride(bool Enabled = true, Severity? Severity = null);
