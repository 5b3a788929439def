namespace DriftGuard.Core.Remediation;

/// <summary>
/// Which drifts <c>--remediate</c> reverts. The same words on <c>remediate</c>, <c>check</c> and <c>watch</c>.
/// </summary>
public enum RemediationScope
{
    /// <summary>Revert nothing (the default of <c>check</c> and <c>watch</c>).</summary>
    None,
    /// <summary>
    /// Revert only unmanaged rules carrying an unwaived finding at or above <c>--fail-on</c> (SSH to the world), and
    /// restore a declared rule the offending rule replaced, so access never has a gap (the default of <c>remediate</c>).
    /// </summary>
    Noncompliant,
    /// <summary>Make every managed group equal to its declared rules and descriptions.</summary>
    All,
}

/// <summary>Parsing and names of <see cref="RemediationScope"/>: <c>none</c>, <c>noncompliant</c>, <c>all</c>.</summary>
public static class RemediationScopes
{
    /// <summary>The wire name.</summary>
    public static string Name(this RemediationScope scope) => scope.ToString().ToLowerInvariant();

    /// <summary>Parses a scope (case-insensitive); false with a one-line reason otherwise.</summary>
    public static bool TryParse(string? text, out RemediationScope scope, out string? error)
    {
        error = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "none": scope = RemediationScope.None; return true;
            case "noncompliant": scope = RemediationScope.Noncompliant; return true;
            case "all": scope = RemediationScope.All; return true;
            default:
                scope = RemediationScope.None;
                error = $"invalid --remediate '{text}': use none, noncompliant or all";
                return false;
        }
    }
}
