namespace DriftGuard.GitHub.PullRequests;

/// <summary>One pull request of one repository, and the commit its head points at.</summary>
/// <param name="Owner">Repository owner (user or organisation), e.g. <c>octo-org</c>.</param>
/// <param name="Name">Repository name, e.g. <c>infra</c>.</param>
/// <param name="Number">Pull-request number (the issue number it shares, ≥ 1).</param>
/// <param name="HeadSha">Head commit SHA (40 or 64 hex digits), or null when unknown (links are then left out).</param>
public sealed record PullRequestRef(string Owner, string Name, int Number, string? HeadSha)
{
    /// <summary><c>owner/name</c>.</summary>
    public string Repository => $"{Owner}/{Name}";
}
