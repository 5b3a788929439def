using DriftGuard.Core.Incidents;
using DriftGuard.Core.Ledger;
using DriftGuard.Core.Tests.Ledger;
using static DriftGuard.Core.Tests.Ledger.LedgerSamples;

namespace DriftGuard.Core.Tests.Incidents;

/// <summary>A ledger telling the problem statement's story: SSH opened by alice at 12:00, detected 12:15, remediated 14:10, verified 14:15.</summary>
internal static class IncidentSamples
{
    public const string Alice = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0a1b2c3d/alice@example.com";
    public const string Remediator = "arn:aws:sts::123456789012:assumed-role/DriftGuardRemediator/driftguard";

    public static IReadOnlyList<LedgerEntry> Story()
    {
        var d = LedgerSamples.Ssh();
        var check = new LedgerRun("check-1", "check", T0.AddMinutes(15), "driftguard check");
        var fix = new LedgerRun("remediate-1", "remediate", T0.AddHours(2).AddMinutes(10), Remediator);
        return
        [
            LedgerEntry.For(LedgerEventType.Detected, d, check),
            LedgerEntry.For(LedgerEventType.Attributed, d, check) with
            {
                Attribution = new ChangeAttribution(true)
                {
                    Actor = "alice@example.com", ActorSource = "session name", IdentityType = "AssumedRole", PrincipalArn = Alice,
                    Role = "AWSReservedSSO_AdministratorAccess_0a1b2c3d", OccurredAt = T0, SourceIp = "203.0.113.7",
                    UserAgent = "console.ec2.amazonaws.com", Via = "console", EventName = "AuthorizeSecurityGroupIngress", EventId = "e-1",
                },
            },
            LedgerEntry.For(LedgerEventType.Remediated, d, fix) with { Note = "revoked sgr-0abc" },
            LedgerEntry.For(LedgerEventType.Verified, d, fix with { At = T0.AddHours(2).AddMinutes(15) }),
        ];
    }

    public static IncidentOptions Options(string? baseDir = null) => new()
    {
        BaseDirectory = baseDir ?? "/repo",
        Until = T0.AddDays(1),
        DetectGate = (_, _) => new GateStatus(true, ".github/workflows/pr.yml runs driftguard gate on pull_request"),
    };

    public static IncidentReport Report() => IncidentBuilder.Build(LedgerHistory.Fold(Story()), Options());
}
