namespace DriftGuard.GitHub.PullRequests;

/// <summary>
/// Chooses which existing comment is DriftGuard's: the body must start with the marker (our bodies always do, and
/// untrusted text inside them is escaped, so it can never contain a marker). Comments written by a bot account
/// (github-actions[bot], a GitHub App) are preferred over a person's comment that merely quotes the marker; among
/// equals the oldest wins, so the comment keeps its place in the conversation.
/// </summary>
public static class StickyCommentMatcher
{
    /// <summary>One existing comment.</summary>
    /// <param name="Id">Comment id.</param>
    /// <param name="Body">Comment body (may be null).</param>
    /// <param name="ByBot">True when the author's account type is <c>Bot</c>.</param>
    public sealed record Candidate(long Id, string? Body, bool ByBot);

    /// <summary>The id of the comment to update, or null to create one. <paramref name="comments"/> in API (creation) order.</summary>
    public static long? Find(IEnumerable<Candidate> comments, string marker)
    {
        var matches = comments.Where(c => c.Body is not null && c.Body.TrimStart().StartsWith(marker, StringComparison.Ordinal)).ToList();
        return (matches.FirstOrDefault(c => c.ByBot) ?? matches.FirstOrDefault())?.Id;
    }
}
