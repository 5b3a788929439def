namespace DriftGuard.Core.Policy;

/// <summary>
/// A skip written next to the resource itself (CloudFormation <c>Metadata: driftguard: skip: [{id, reason}]</c>).
/// It waives <paramref name="PolicyId"/> for that resource with no expiry.
/// </summary>
/// <param name="PolicyId">Policy id, e.g. <c>DG-SG-004</c>.</param>
/// <param name="Reason">Why, as written; required, shown in reports.</param>
public sealed record PolicySkip(string PolicyId, string Reason);
