namespace DriftGuard.Core.Drift;

/// <summary>Kinds of drift, in driftctl's words.</summary>
public enum DriftKind
{
    /// <summary>A live rule no IaC declares.</summary>
    Unmanaged,
    /// <summary>A declared rule that is not live.</summary>
    Missing,
    /// <summary>Same rule, another description.</summary>
    Changed,
    /// <summary>A live group no IaC declares.</summary>
    UnmanagedGroup,
    /// <summary>A declared group that is gone.</summary>
    MissingGroup,
}

/// <summary>Wire names of drift kinds: <c>unmanaged</c>, <c>missing</c>, <c>changed</c>, <c>unmanaged-group</c>, <c>missing-group</c>.</summary>
public static class DriftKinds
{
    /// <summary>The wire name.</summary>
    public static string Name(this DriftKind k) => k switch
    {
        DriftKind.Unmanaged => "unmanaged",
        DriftKind.Missing => "missing",
        DriftKind.Changed => "changed",
        DriftKind.UnmanagedGroup => "unmanaged-group",
        DriftKind.MissingGroup => "missing-group",
        _ => k.ToString().ToLowerInvariant(),
    };
}
