using DriftGuard.Core.Drift;

namespace DriftGuard.Core.Reports;

/// <summary>Where a drift points in the IaC, for writers that show or need a file and line.</summary>
public static class DriftLocations
{
    /// <summary>
    /// The drift's own file and line; else the file and line that declare its group (matched by <c>sg-</c> id, then
    /// by resource address in <see cref="ScanReport.Groups"/>); else (null, 0) — an unmanaged group has no declaration.
    /// </summary>
    public static (string? File, int Line) Resolve(DriftItem drift, ScanReport report)
    {
        if (drift.File is not null) return (drift.File, drift.Line ?? 1);
        var group = report.Groups.FirstOrDefault(g => g.Origin is not null && drift.GroupId is not null && g.GroupId == drift.GroupId)
                    ?? report.Groups.FirstOrDefault(g => g.Origin is not null && drift.Resource is not null && g.Origin.Resource == drift.Resource);
        return group?.Origin is { } origin ? (origin.File, origin.Line) : (null, 0);
    }
}
