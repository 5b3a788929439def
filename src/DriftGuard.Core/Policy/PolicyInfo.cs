using DriftGuard.Core.Model;

namespace DriftGuard.Core.Policy;

/// <summary>
/// Metadata of one built-in policy: what reports, SARIF rules and the docs page show.
/// </summary>
/// <param name="Id">Stable id, never reused or renamed: <c>DG-SG-001</c> (matches <c>^DG-[A-Z]+-\d{3}$</c>).</param>
/// <param name="Name">Readable name that may change between releases: <c>Ec2.SecurityGroup.NoSshOrRdpFromInternet</c>.</param>
/// <param name="Title">One-line title, phrased as the compliant state.</param>
/// <param name="Severity">Default severity; the policy file may override it.</param>
/// <param name="Rationale">Why the rule matters, a few sentences.</param>
/// <param name="Remediation">How to fix it, with the Terraform and the CloudFormation change.</param>
/// <param name="Controls">
/// Framework mappings by content, e.g. <c>AWS-SecurityHub-EC2.13</c>, <c>NIST-800-53-SC-7</c>. CIS AWS
/// Foundations items are named by their text because their numbers change between benchmark versions.
/// </param>
public sealed record PolicyInfo(string Id, string Name, string Title, Severity Severity, string Rationale,
                                string Remediation, IReadOnlyList<string> Controls)
{
    /// <summary>Repository-relative path of the policy's docs page, used as SARIF <c>helpUri</c>: <c>docs/policies/DG-SG-001.md</c>.</summary>
    public string HelpUri => $"docs/policies/{Id}.md";
}
