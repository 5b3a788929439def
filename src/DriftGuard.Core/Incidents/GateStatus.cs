namespace DriftGuard.Core.Incidents;

/// <summary>Whether the repository that declares a group runs <c>driftguard gate</c> on pull requests, and how that was decided.</summary>
/// <param name="Enabled">True when a workflow runs the gate on <c>pull_request</c>; false when none does; null when it cannot be told.</param>
/// <param name="How">One sentence: which workflow, or what was searched, or why it cannot be told.</param>
public sealed record GateStatus(bool? Enabled, string How);
