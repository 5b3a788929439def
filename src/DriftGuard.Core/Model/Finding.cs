namespace DriftGuard.Core.Model;

/// <summary>
/// A policy result that failed: one policy against one atomic rule (or group) of one resource.
/// </summary>
/// <param name="PolicyId">Stable id, e.g. <c>DG-SG-001</c>.</param>
/// <param name="Severity">Effective severity after policy-file overrides.</param>
/// <param name="Title">Policy title.</param>
/// <param name="Controls">Control mappings, e.g. <c>AWS-SecurityHub-EC2.13</c>, <c>NIST-800-53-SC-7</c>.</param>
/// <param name="Group">The group the rule belongs to.</param>
/// <param name="Rule">The offending rule; null for a group-level finding.</param>
public sealed record Finding(string PolicyId, Severity Severity, string Title, IReadOnlyList<string> Controls,
                             SecurityGroup Group, SgRule? Rule)
{
    /// <summary>Why the rule fails, one sentence.</summary>
    public string Message { get; init; } = "";

    /// <summary>True when a valid waiver or CloudFormation <c>Metadata.driftguard.skip</c> covers the finding.</summary>
    public bool Waived { get; init; }

    /// <summary>The waiver's reason (and owner), when waived or expired.</summary>
    public string? WaiverReason { get; init; }

    /// <summary>True when a waiver matched but expired; the finding then counts.</summary>
    public bool WaiverExpired { get; init; }

    /// <summary>Resource address or logical id the finding points at (the rule's resource, else the group's).</summary>
    public string Resource => Rule?.Origin?.Resource ?? Group.Origin?.Resource ?? Group.Key;

    /// <summary>File of the finding.</summary>
    public string? File => Rule?.Origin?.File ?? Group.Origin?.File;

    /// <summary>Line of the finding (1 when unknown).</summary>
    public int Line => Rule?.Origin?.Line ?? Group.Origin?.Line ?? 1;

    /// <summary>True when the finding counts toward the exit code at <paramref name="threshold"/>.</summary>
    public bool Fails(Severity threshold) => !Waived && Severity >= threshold;
}
