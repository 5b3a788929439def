using System.Globalization;
using DriftGuard.Core.Drift;

namespace DriftGuard.Core.Watch;

/// <summary>
/// The wire form of a <see cref="WatchIncident"/>, one JSON line: who (person, principal, role, source IP, user agent),
/// when (occurred, detected, remediated, verified, with time to detect and to remediate in seconds), what (drifts and
/// their findings) and what was done.
/// </summary>
public sealed record WatchIncidentLine(string IncidentId, string Trigger, string Actor)
{
    /// <summary>Principal ARN.</summary>
    public string? ActorArn { get; init; }
    /// <summary>Which userIdentity field named the actor.</summary>
    public string? ActorBasis { get; init; }
    /// <summary>Role of an assumed-role session.</summary>
    public string? Role { get; init; }
    /// <summary>CloudTrail event name and id.</summary>
    public string? EventName { get; init; }
    /// <summary>CloudTrail event id.</summary>
    public string? EventId { get; init; }
    /// <summary>Source IP.</summary>
    public string? SourceIp { get; init; }
    /// <summary>User agent.</summary>
    public string? UserAgent { get; init; }
    /// <summary>Region.</summary>
    public string? Region { get; init; }
    /// <summary>Account.</summary>
    public string? Account { get; init; }
    /// <summary>ISO 8601 UTC times.</summary>
    public string? OccurredAt { get; init; }
    /// <summary>When detected.</summary>
    public string? DetectedAt { get; init; }
    /// <summary>When reverted.</summary>
    public string? RemediatedAt { get; init; }
    /// <summary>When verified.</summary>
    public string? VerifiedAt { get; init; }
    /// <summary>Occurred → detected, seconds.</summary>
    public double? TimeToDetectSeconds { get; init; }
    /// <summary>Occurred (else detected) → verified, seconds.</summary>
    public double? TimeToRemediateSeconds { get; init; }
    /// <summary>Scope in force.</summary>
    public string? Scope { get; init; }
    /// <summary>Drift texts.</summary>
    public IReadOnlyList<string> Drifts { get; init; } = [];
    /// <summary>Policies the drifts violate.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];
    /// <summary>Reverted drift texts.</summary>
    public IReadOnlyList<string> Remediated { get; init; } = [];
    /// <summary>Failed reverts.</summary>
    public IReadOnlyList<string> Failed { get; init; } = [];
    /// <summary>Who reverted.</summary>
    public string RemediatedBy { get; init; } = "driftguard watch";

    /// <summary>The line for <paramref name="incident"/>.</summary>
    public static WatchIncidentLine From(WatchIncident incident)
    {
        var start = incident.OccurredAt ?? incident.DetectedAt;
        return new WatchIncidentLine(incident.IncidentId, incident.Trigger, incident.Actor.Person)
        {
            ActorArn = incident.Actor.PrincipalArn,
            ActorBasis = incident.Actor.Basis,
            Role = incident.Actor.Role,
            EventName = incident.EventName,
            EventId = incident.EventId,
            SourceIp = incident.SourceIp,
            UserAgent = incident.UserAgent,
            Region = incident.Region,
            Account = incident.Account,
            OccurredAt = Iso(incident.OccurredAt),
            DetectedAt = Iso(incident.DetectedAt),
            RemediatedAt = Iso(incident.RemediatedAt),
            VerifiedAt = Iso(incident.VerifiedAt),
            TimeToDetectSeconds = incident.OccurredAt is { } o ? Math.Max(0, Math.Round((incident.DetectedAt - o).TotalSeconds, 3)) : null,
            TimeToRemediateSeconds = incident.VerifiedAt is { } v ? Math.Max(0, Math.Round((v - start).TotalSeconds, 3)) : null,
            Scope = incident.Scope.Name(),
            Drifts = [.. incident.Drifts.Select(DriftText.Of)],
            Policies = [.. incident.Drifts.SelectMany(d => d.Findings).Where(f => !f.Waived).Select(f => f.PolicyId).Distinct().Order(StringComparer.Ordinal)],
            Remediated = [.. incident.Remediated.Select(DriftText.Of)],
            Failed = [.. incident.Failed.Select(f => $"{DriftText.Of(f.Drift)}: {f.Error}")],
        };
    }

    /// <summary>The line as one line of JSON.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, WatchJsonContext.Default.WatchIncidentLine);

    /// <summary>A time as the watch log writes it: UTC, milliseconds, <c>Z</c> (e.g. <c>2026-11-29T15:47:31.383Z</c>); null for null.</summary>
    public static string? Iso(DateTimeOffset? t) => t?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One-line text of a drift for logs: <c>sg-1 unmanaged ingress tcp/22 0.0.0.0/0 [high DG-SG-001]</c>.</summary>
public static class DriftText
{
    /// <summary>The text.</summary>
    public static string Of(DriftItem d)
    {
        var rule = d.Rule is { } r ? $" {r.Direction.ToString().ToLowerInvariant()} {r.PortText} {r.Source}" : "";
        var policies = d.Findings.Where(f => !f.Waived).Select(f => f.PolicyId).Distinct().ToList();
        var tail = policies.Count > 0 ? $" [{d.Severity.ToString().ToLowerInvariant()} {string.Join(",", policies)}]" : $" [{d.Severity.ToString().ToLowerInvariant()}]";
        return $"{d.GroupId ?? d.Resource} {d.Kind.Name()}{rule}{tail}";
    }
}
