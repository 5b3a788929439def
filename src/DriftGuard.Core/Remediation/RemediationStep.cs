using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Remediation;

/// <summary>One change to one atomic rule of one live group.</summary>
/// <param name="Action">Authorize, revoke or update the description.</param>
/// <param name="Rule">The rule in live terms (<c>Group</c> is the <c>sg-</c> id): the declared rule to authorize (with the
/// description to send), the live rule to revoke (with its <c>sgr-</c> <see cref="SgRule.RuleId"/>), or the live rule whose
/// description to set (its <c>RuleId</c>, and <see cref="SgRule.Description"/> = the declared description, null clears it).</param>
/// <param name="Reason">Why: the drift kind and, for a noncompliant rule, its policy ids.</param>
public sealed record RemediationStep(RemediationActionKind Action, SgRule Rule, string Reason)
{
    /// <summary>Direction of the rule.</summary>
    public Direction Direction => Rule.Direction;

    /// <summary><c>authorize-ingress</c>, <c>revoke-egress</c>, …</summary>
    public string ActionName => Action.Name(Rule.Direction);

    /// <summary>The rule as <c>.driftguardignore</c> writes it: <c>ingress:tcp:22:0.0.0.0/0</c>.</summary>
    public string RuleText => DriftIgnore.RuleText(Rule);

    /// <inheritdoc />
    public override string ToString() => $"{ActionName} {RuleText}";
}
