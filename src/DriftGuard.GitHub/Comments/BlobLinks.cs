using System.Globalization;

namespace DriftGuard.GitHub.Comments;

/// <summary>
/// Builds links to a file and line at one commit: <c>{server}/{owner}/{repo}/blob/{sha}/{path}#L{line}</c>. Every path
/// segment is percent-encoded (RFC 3986 unreserved characters only), so a file name cannot end the link or add one.
/// </summary>
/// <param name="serverUrl">Web base, e.g. <c>https://github.com</c> or a GitHub Enterprise Server URL.</param>
/// <param name="owner">Repository owner (validated by the caller).</param>
/// <param name="repository">Repository name (validated by the caller).</param>
/// <param name="sha">Head commit SHA; null disables links.</param>
/// <param name="workspace">Repository checkout root (<c>GITHUB_WORKSPACE</c>); paths outside it get no link.</param>
public sealed class BlobLinks(Uri serverUrl, string owner, string repository, string? sha, string workspace)
{
    /// <summary>
    /// The link for <paramref name="file"/> (relative to <paramref name="currentDirectory"/> or absolute) at
    /// <paramref name="line"/> (no anchor when &lt; 1), or null when there is no commit or the file lies outside the
    /// workspace.
    /// </summary>
    public string? For(string? file, int line, string currentDirectory)
    {
        if (sha is null || string.IsNullOrEmpty(file)) return null;
        string relative;
        try
        {
            var full = Path.GetFullPath(file.Replace('\\', '/'), currentDirectory);
            relative = Path.GetRelativePath(Path.GetFullPath(workspace), full).Replace('\\', '/');
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) || relative == ".") return null;
        var path = string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
        var anchor = line >= 1 ? "#L" + line.ToString(CultureInfo.InvariantCulture) : "";
        return $"{serverUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}/blob/{sha}/{path}{anchor}";
    }
}
