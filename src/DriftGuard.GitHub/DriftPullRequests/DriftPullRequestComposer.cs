using System.Globalization;
using System.Text;
using DriftGuard.Core.Codify;
using DriftGuard.Core.Reports.Markdown;

namespace DriftGuard.GitHub.DriftPullRequests;

/// <summary>
/// Turns a <see cref="CodifyProposal"/> into a <see cref="DriftPullRequest"/>: branch <c>driftguard/drift-FINGERPRINT</c>
/// (stable, so the next run finds and updates the same pull request), an incident-style body (what, group, rule, when
/// detected, findings, the code), labels <c>drift</c> and <c>security</c>, plus <c>needs-manual-edit</c> for manual proposals.
/// </summary>
public static class DriftPullRequestComposer
{
    /// <summary>Label a manual proposal carries.</summary>
    public const string ManualLabel = "needs-manual-edit";

    /// <summary>
    /// The pull request for <paramref name="proposal"/>; file paths are made relative to <paramref name="repositoryRoot"/>.
    /// A manual proposal writes its code to <c>.driftguard/proposals/drift-FINGERPRINT.md</c>, as a pull request needs a commit.
    /// </summary>
    public static DriftPullRequest Compose(CodifyProposal proposal, string repositoryRoot, DateTimeOffset detectedAt)
    {
        var drift = proposal.Drift;
        var rule = drift.Rule!;
        var group = drift.Resource ?? drift.GroupId ?? rule.Group;
        var ruleText = $"{rule.Direction.ToString().ToLowerInvariant()} {rule.PortText} {(rule.Direction == Core.Model.Direction.Ingress ? "from" : "to")} {rule.Source}";
        var title = $"DriftGuard: codify live rule {ruleText} on {group}";
        var fence = proposal.Code.TrimStart() switch { ['-', ..] => "yaml", ['{', ..] => "json", _ => "hcl" };
        var body = new StringBuilder()
            .Append("<!-- driftguard:drift-pr ").Append(drift.Fingerprint).Append(" -->\n")
            .Append("## Live rule not in the IaC\n\n")
            .Append("Someone added a rule to a security group outside the IaC, and the policy allows it. Merging this pull request declares it, so the drift is accepted; closing it means the rule should be removed (`driftguard remediate`).\n\n")
            .Append("| | |\n| --- | --- |\n")
            .Append("| What | unmanaged rule |\n")
            .Append("| Group | `").Append(MarkdownEscape.Inline(group)).Append('`').Append(drift.GroupId is { } id && id != group ? $" (`{MarkdownEscape.Inline(id)}`)" : "").Append(" |\n")
            .Append("| Rule | ").Append(MarkdownEscape.Inline(ruleText)).Append(rule.Description is { Length: > 0 } d ? $" — “{MarkdownEscape.Inline(d)}”" : "").Append(" |\n")
            .Append("| Detected | ").Append(detectedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(" |\n")
            .Append("| Severity | ").Append(drift.Severity.ToString().ToLowerInvariant()).Append(" |\n")
            .Append("| Fingerprint | `").Append(drift.Fingerprint).Append("` |\n\n")
            .Append("### Findings\n\n");
        if (drift.Findings.Count == 0) body.Append("None: no policy finding on this rule.\n\n");
        foreach (var f in drift.Findings)
            body.Append("- **").Append(f.PolicyId).Append("** ").Append(f.Severity.ToString().ToLowerInvariant()).Append(": ")
                .Append(MarkdownEscape.Inline(f.Title)).Append(f.Waived ? " (waived)" : "").Append('\n');
        if (drift.Findings.Count > 0) body.Append('\n');
        if (proposal.Mode == CodifyMode.Manual)
            body.Append("### Manual edit needed\n\n").Append(MarkdownEscape.Inline(proposal.Reason)).Append(". Place this declaration in the IaC by hand:\n\n");
        else
            body.Append("### Change\n\n").Append(string.Join(", ", proposal.Files.Select(f => $"`{Relative(repositoryRoot, f.Path)}`")))
                .Append(proposal.Mode == CodifyMode.NewFile ? " (new file)" : " (one block added, nothing else changed)").Append(":\n\n");
        body.Append("```").Append(fence).Append('\n').Append(proposal.Code).Append("```\n");

        var files = proposal.Mode == CodifyMode.Manual
            ? [new PullRequestFile($".driftguard/proposals/drift-{drift.Fingerprint}.md", body.ToString())]
            : proposal.Files.Select(f => new PullRequestFile(Relative(repositoryRoot, f.Path), f.Content)).ToList();
        IReadOnlyList<string> labels = proposal.Mode == CodifyMode.Manual ? ["drift", "security", ManualLabel] : ["drift", "security"];
        return new DriftPullRequest($"driftguard/drift-{drift.Fingerprint}", title, body.ToString(), files, labels);
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, Path.GetFullPath(path, root)).Replace('\\', '/');
}
