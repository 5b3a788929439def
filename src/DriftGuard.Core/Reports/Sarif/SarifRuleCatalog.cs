using System.Text;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Reports.Sarif;

/// <summary>What a policy catalogue can tell the SARIF writer about a rule beyond what a finding carries.</summary>
/// <param name="Name">Readable rule name, e.g. <c>Ec2.SecurityGroup.NoSshFromInternet</c>.</param>
/// <param name="Description">Why the rule exists, one paragraph.</param>
/// <param name="Remediation">How to fix a failure, plain text or Markdown.</param>
public sealed record SarifRuleText(string Name, string Description, string Remediation);

/// <summary>Rule ids and texts of the drift results (<c>DRIFT-UNMANAGED</c>, …).</summary>
public static class DriftRules
{
    /// <summary>The SARIF rule id of a drift kind: <c>DRIFT-</c> + the upper-case wire name.</summary>
    public static string Id(DriftKind kind) => "DRIFT-" + kind.Name().ToUpperInvariant();

    /// <summary>Fixed texts of each drift kind.</summary>
    public static SarifRuleText Text(DriftKind kind) => kind switch
    {
        DriftKind.Unmanaged => new("Drift.UnmanagedRule",
            "A security-group rule exists in AWS that no IaC input declares: the group was changed out of band.",
            "Revoke the rule with `driftguard remediate`, or declare it in the IaC if the change is intended."),
        DriftKind.Missing => new("Drift.MissingRule",
            "A rule declared in the IaC does not exist in AWS: it was revoked out of band or never applied.",
            "Reapply the declared rules with `driftguard remediate` or `terraform apply`, or remove the declaration."),
        DriftKind.Changed => new("Drift.ChangedDescription",
            "A declared rule exists in AWS with another description.",
            "Reapply the declared description, or update the IaC to the live description."),
        DriftKind.UnmanagedGroup => new("Drift.UnmanagedGroup",
            "A security group exists in AWS that no IaC input declares.",
            "Import the group into the IaC, or delete it once nothing uses it."),
        _ => new("Drift.MissingGroup",
            "A security group declared in the IaC no longer exists in AWS.",
            "Recreate it by applying the IaC, or remove the declaration."),
    };

    /// <summary>Readable PascalCase name made from a policy title when no catalogue entry gives one.</summary>
    internal static string NameFromTitle(string title)
    {
        var sb = new StringBuilder();
        foreach (var word in title.Split([' ', '-', '_', '.', '/', '(', ')', ',', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string([.. word.Where(char.IsLetterOrDigit)]);
            if (letters.Length == 0) continue;
            sb.Append(char.ToUpperInvariant(letters[0])).Append(letters.AsSpan(1));
        }
        return sb.Length == 0 ? "Policy" : sb.ToString();
    }

    internal static Severity Max(IEnumerable<Severity> severities) => severities.DefaultIfEmpty(Severity.Low).Max();
}
