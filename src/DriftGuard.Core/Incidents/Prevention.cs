namespace DriftGuard.Core.Incidents;

/// <summary>What prevents a repeat: the gate policies that block the rule in pull requests and whether the gate runs there.</summary>
/// <param name="BlockingPolicies">Unwaived policy ids whose severity fails <c>driftguard gate</c> at <see cref="IncidentOptions.GateFailOn"/>.</param>
/// <param name="Gate">Whether the declaring repository runs the gate on pull requests.</param>
/// <param name="Text">The answer as a sentence.</param>
public sealed record Prevention(IReadOnlyList<string> BlockingPolicies, GateStatus Gate, string Text);
