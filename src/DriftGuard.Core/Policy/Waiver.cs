using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy;

/// <summary>
/// An accepted finding from the policy file's <c>waivers:</c> list. A waived finding stays in every report with
/// <see cref="Finding.Waived"/> set; after <see cref="Expires"/> the waiver stops applying and is reported.
/// </summary>
/// <param name="PolicyId">Policy id the waiver is for (must exist in <see cref="PolicyCatalog"/>).</param>
/// <param name="Resource">
/// Glob over the resource address, CloudFormation logical id, group key, <c>sg-</c> group id or <c>sgr-</c> rule id;
/// <c>*</c> matches any run of characters, <c>?</c> one character.
/// </param>
/// <param name="Source">Optional canonical peer (<c>0.0.0.0/0</c>, <c>::/0</c>, <c>pl-…</c>, <c>sg-…</c>); null matches any.</param>
/// <param name="Reason">Why the finding is accepted (required).</param>
/// <param name="Owner">Who owns the exception, when given.</param>
/// <param name="Expires">Last day (inclusive, UTC date) the waiver applies.</param>
public sealed record Waiver(string PolicyId, string Resource, string? Source, string Reason, string? Owner, DateOnly Expires)
{
    /// <summary>Policy file the waiver was read from.</summary>
    public string File { get; init; } = "";

    /// <summary>1-based line of the waiver in <see cref="File"/>.</summary>
    public int Line { get; init; }

    /// <summary>Reason as shown in reports: <c>reason (owner: team)</c>.</summary>
    public string Display => Owner is null ? Reason : $"{Reason} (owner: {Owner})";

    /// <summary>True on and before <see cref="Expires"/>.</summary>
    public bool IsActiveOn(DateOnly today) => today <= Expires;
}
