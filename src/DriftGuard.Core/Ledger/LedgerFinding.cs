namespace DriftGuard.Core.Ledger;

/// <summary>A policy finding of a drift's rule as the ledger stores it.</summary>
/// <param name="PolicyId">Stable id, e.g. <c>DG-SG-001</c>.</param>
/// <param name="Severity">Effective severity, lower case.</param>
/// <param name="Title">Policy title.</param>
/// <param name="Controls">Control mappings (CIS, Security Hub, PCI DSS, NIST 800-53).</param>
/// <param name="Waived">True when a waiver covers it.</param>
public sealed record LedgerFinding(string PolicyId, string Severity, string Title, IReadOnlyList<string> Controls, bool Waived);
