using DriftGuard.Core.Drift;

namespace DriftGuard.Core.Reports;

/// <summary>One-sentence descriptions of drifts, shared by the SARIF, text, Markdown and GitHub writers.</summary>
public static class DriftMessages
{
    /// <summary>
    /// E.g. <c>Unmanaged rule on sg-0abc (aws_security_group.web): ingress tcp/22 0.0.0.0/0 [sgr-1].</c>
    /// Untrusted strings (descriptions, names) are quoted but not escaped: each writer escapes for its own format.
    /// </summary>
    public static string Describe(DriftItem d)
    {
        var group = Group(d);
        var rule = d.Rule is null ? "" : RuleText.Describe(d.Rule) + (d.Rule.RuleId is null ? "" : $" [{d.Rule.RuleId}]");
        return d.Kind switch
        {
            DriftKind.Unmanaged => $"Unmanaged rule on {group}: {rule} is live but declared nowhere.",
            DriftKind.Missing => $"Missing rule on {group}: {rule} is declared but not live.",
            DriftKind.Changed => $"Changed description on {group}: {rule} is \"{d.DeclaredDescription}\" in IaC, \"{d.LiveDescription}\" live.",
            DriftKind.UnmanagedGroup => $"Unmanaged security group {group} is live but no IaC input declares it.",
            _ => $"Missing security group {group} is declared but no longer exists.",
        };
    }

    /// <summary><c>sg-0abc (aws_security_group.web)</c>, with region and account when known.</summary>
    public static string Group(DriftItem d)
    {
        var id = d.GroupId ?? d.Rule?.Group ?? "unknown group";
        var resource = d.Resource is not null && d.Resource != id ? $" ({d.Resource})" : "";
        var where = string.Join('/', new[] { d.Account, d.Region }.Where(x => !string.IsNullOrEmpty(x)));
        return id + resource + (where.Length > 0 ? $" in {where}" : "");
    }
}
