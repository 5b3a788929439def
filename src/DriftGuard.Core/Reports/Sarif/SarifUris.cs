namespace DriftGuard.Core.Reports.Sarif;

/// <summary>Repository-relative artifact URIs for SARIF <c>artifactLocation.uri</c> (§3.4.3).</summary>
public static class SarifUris
{
    /// <summary>The base id GitHub code scanning and most viewers resolve relative URIs against.</summary>
    public const string SourceRoot = "%SRCROOT%";

    /// <summary>
    /// True when <paramref name="file"/> is already an absolute URI with a scheme of two or more letters
    /// (<c>s3://bucket/key</c> for a state read from S3); a Windows drive (<c>C:\</c>) is a path, not a scheme.
    /// </summary>
    public static bool IsAbsoluteUri(string file)
    {
        var colon = file.IndexOf("://", StringComparison.Ordinal);
        return colon >= 2 && file[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') && char.IsAsciiLetter(file[0]);
    }

    /// <summary>
    /// <paramref name="file"/> relative to <paramref name="baseDirectory"/>, with forward slashes and each segment
    /// percent-encoded (a space becomes <c>%20</c>) so the result is a valid URI reference. Backslashes count as
    /// separators, so Windows-style paths in IaC inputs come out the same.
    /// </summary>
    public static string Relative(string file, string baseDirectory)
    {
        var normalized = file.Replace('\\', '/');
        var full = Path.GetFullPath(normalized, Path.GetFullPath(baseDirectory));
        var relative = Path.GetRelativePath(Path.GetFullPath(baseDirectory), full).Replace('\\', '/');
        return string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
    }
}
