using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Ledger;

/// <summary>
/// One line of the drift ledger (JSON Lines, format version 1): one event about one drift, keyed by the drift's
/// fingerprint (account, region, group, atomic rule, kind; see <see cref="DriftFingerprint"/>). The ledger is
/// append-only: first seen, last seen, remediated and verified are folded from the events by
/// <see cref="LedgerHistory"/>, so concurrent writers only ever add lines.
/// </summary>
/// <param name="Event">What happened.</param>
/// <param name="Fingerprint">Drift fingerprint (16 hex characters).</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Run">Id of the run that wrote the line (one per check/remediate/watch invocation).</param>
public sealed record LedgerEntry(LedgerEventType Event, string Fingerprint, DateTimeOffset At, string Run)
{
    /// <summary>Format version of the line.</summary>
    public int V { get; init; } = 1;
    /// <summary>Command that wrote the line: <c>check</c>, <c>remediate</c>, <c>watch</c>, <c>demo</c>.</summary>
    public string? Command { get; init; }
    /// <summary>Who acted: the caller's principal ARN or name (remediated/verified), or the checking identity.</summary>
    public string? By { get; init; }
    /// <summary>Account id of the group.</summary>
    public string? Account { get; init; }
    /// <summary>Region of the group.</summary>
    public string? Region { get; init; }
    /// <summary>Group id (<c>sg-…</c>).</summary>
    public string? GroupId { get; init; }
    /// <summary>Drift kind wire name: <c>unmanaged</c>, <c>missing</c>, <c>changed</c>, <c>unmanaged-group</c>, <c>missing-group</c>.</summary>
    public string? Kind { get; init; }
    /// <summary>IaC resource address or logical id.</summary>
    public string? Resource { get; init; }
    /// <summary>IaC file declaring the group or rule.</summary>
    public string? File { get; init; }
    /// <summary>Line in <see cref="File"/>.</summary>
    public int? Line { get; init; }
    /// <summary>The atomic rule; null for group-level drifts.</summary>
    public LedgerRule? Rule { get; init; }
    /// <summary>Declared description (changed drifts).</summary>
    public string? DeclaredDescription { get; init; }
    /// <summary>Live description (changed drifts).</summary>
    public string? LiveDescription { get; init; }
    /// <summary>Drift severity, lower case.</summary>
    public string? Severity { get; init; }
    /// <summary>Policy findings of the rule.</summary>
    public IReadOnlyList<LedgerFinding>? Findings { get; init; }
    /// <summary>True when a baseline accepts the drift.</summary>
    public bool? Accepted { get; init; }
    /// <summary>The CloudTrail attribution (attributed events).</summary>
    public ChangeAttribution? Attribution { get; init; }
    /// <summary>Free text, e.g. what a remediation did.</summary>
    public string? Note { get; init; }

    /// <summary>A line describing <paramref name="drift"/> (every drift field copied, so the line stands alone).</summary>
    public static LedgerEntry For(LedgerEventType type, DriftItem drift, LedgerRun run) =>
        new(type, drift.Fingerprint, run.At, run.RunId)
        {
            Command = run.Command,
            By = run.By,
            Account = drift.Account,
            Region = drift.Region,
            GroupId = drift.GroupId,
            Kind = drift.Kind.Name(),
            Resource = drift.Resource,
            File = drift.File,
            Line = drift.Line,
            Rule = drift.Rule is null ? null : LedgerRule.From(drift.Rule),
            DeclaredDescription = drift.DeclaredDescription,
            LiveDescription = drift.LiveDescription,
            Severity = drift.Severity.Name(),
            Findings = [.. drift.Findings.Select(f => new LedgerFinding(f.PolicyId, f.Severity.Name(), f.Title, f.Controls, f.Waived))],
            Accepted = drift.Accepted ? true : null,
        };
}
