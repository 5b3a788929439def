namespace DriftGuard.Core.Watch;

/// <summary>
/// Which drifts watch mode reverts (<c>--remediate</c>): the same words as <c>remediate</c> and <c>check</c>.
/// </summary>
public enum WatchScope
{
    /// <summary>Detect and record only.</summary>
    None,
    /// <summary>Revert unmanaged rules of managed groups that carry an unwaived finding at or above <c>--fail-on</c>.</summary>
    Noncompliant,
    /// <summary>Make every managed group equal to its declared rules: revoke unmanaged, authorize missing, restore descriptions.</summary>
    All,
}

/// <summary>Parsing and names of <see cref="WatchScope"/>.</summary>
public static class WatchScopes
{
    /// <summary>The wire name: <c>none</c>, <c>noncompliant</c> or <c>all</c>.</summary>
    public static string Name(this WatchScope scope) => scope.ToString().ToLowerInvariant();

    /// <summary>Parses a scope (case-insensitive); false with a one-line reason otherwise.</summary>
    public static bool TryParse(string? text, out WatchScope scope, out string? error)
    {
        error = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "none": scope = WatchScope.None; return true;
            case "noncompliant": scope = WatchScope.Noncompliant; return true;
            case "all": scope = WatchScope.All; return true;
            default:
                scope = WatchScope.None;
                error = $"invalid --remediate '{text}': use none, noncompliant or all";
                return false;
        }
    }
}
