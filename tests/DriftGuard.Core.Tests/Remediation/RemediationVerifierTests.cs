using DriftGuard.Core.Model;
using DriftGuard.Core.Remediation;
using static DriftGuard.Core.Tests.Drift.Declare;
using static DriftGuard.Core.Tests.Remediation.Fixture;

namespace DriftGuard.Core.Tests.Remediation;

public class RemediationVerifierTests
{
    private static RemediationStep Step(RemediationActionKind kind, SgRule rule) => new(kind, rule, "test");

    [Fact]
    public void Pending_WhenAuthorizedRuleIsAlreadyLive_ShouldCountItAsDone()
    {
        // Given
        var live = LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8"));
        var step = Step(RemediationActionKind.Authorize, Tcp("sg-1", 443, "10.0.0.0/8"));
        // When
        var pending = RemediationVerifier.Pending([step], live);
        // Then
        pending.ShouldBeEmpty();
    }

    [Fact]
    public void Pending_WhenRevokedRuleCameBackUnderAnotherId_ShouldTargetTheCurrentId()
    {
        // Given
        var live = LiveGroup("sg-1", Tcp("x", 22, "0.0.0.0/0") with { RuleId = "sgr-new" });
        var step = Step(RemediationActionKind.Revoke, Tcp("sg-1", 22, "0.0.0.0/0") with { RuleId = "sgr-old" });
        // When
        var pending = RemediationVerifier.Pending([step], live);
        // Then
        pending.ShouldHaveSingleItem().Rule.RuleId.ShouldBe("sgr-new");
    }

    [Fact]
    public void Differences_WhenDescriptionStillDiffers_ShouldSaySo()
    {
        // Given
        var live = LiveGroup("sg-1", Tcp("x", 443, "10.0.0.0/8", desc: "edited"));
        var step = Step(RemediationActionKind.UpdateDescription, Tcp("sg-1", 443, "10.0.0.0/8", desc: "https"));
        // When
        var differences = RemediationVerifier.Differences([step], live);
        // Then
        differences.ShouldBe(["update-description-ingress ingress:tcp:443:10.0.0.0/8: description differs"]);
    }

    [Fact]
    public void ToJsonLine_WhenRecordIsWritten_ShouldBeOneCamelCaseLineInUtc()
    {
        // Given
        var record = new AuditRecord(new DateTimeOffset(2026, 6, 1, 14, 0, 0, TimeSpan.FromHours(2)), "123456789012", "us-east-1", "sg-1",
            "revoke-ingress", "ingress:tcp:22:0.0.0.0/0 (sgr-1)", "req-1", "arn:aws:iam::123456789012:user/ci", "applied");
        // When
        var line = AuditLog.ToJsonLine(record);
        // Then
        line.ShouldBe("{\"time\":\"2026-06-01T12:00:00+00:00\",\"account\":\"123456789012\",\"region\":\"us-east-1\",\"group\":\"sg-1\"," +
                      "\"action\":\"revoke-ingress\",\"rule\":\"ingress:tcp:22:0.0.0.0/0 (sgr-1)\",\"requestId\":\"req-1\"," +
                      "\"principal\":\"arn:aws:iam::123456789012:user/ci\",\"outcome\":\"applied\",\"error\":null}");
    }
}
