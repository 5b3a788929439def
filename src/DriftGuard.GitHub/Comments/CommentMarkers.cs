namespace DriftGuard.GitHub.Comments;

/// <summary>
/// The hidden HTML comment that starts DriftGuard's sticky pull-request comment, one per command so the gate's
/// comment and the drift check's comment never overwrite each other: <c>&lt;!-- driftguard:gate --&gt;</c>.
/// </summary>
public static class CommentMarkers
{
    /// <summary>The marker of <paramref name="command"/> (<c>gate</c>, <c>check</c>, …); anything but [a-z0-9-] is dropped.</summary>
    public static string For(string command)
    {
        var safe = new string(command.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-').ToArray());
        return $"<!-- driftguard:{(safe.Length == 0 ? "report" : safe)} -->";
    }
}
