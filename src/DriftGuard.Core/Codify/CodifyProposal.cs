using DriftGuard.Core.Drift;

namespace DriftGuard.Core.Codify;

/// <summary>How a proposal codifies a live rule.</summary>
public enum CodifyMode
{
    /// <summary>A new file beside the group's file (Terraform standalone rule resources).</summary>
    NewFile,
    /// <summary>An existing file with one block or list item inserted; every other byte unchanged.</summary>
    EditFile,
    /// <summary>No file can be edited safely: the code goes in the pull-request body for a person to place.</summary>
    Manual,
}

/// <summary>One file of a proposal: its path (as given to the codifier, joined with the file name) and its full new content.</summary>
public sealed record ProposedFile(string Path, string Content);

/// <summary>
/// A code change that declares a live (unmanaged) rule in the IaC, so merging it accepts the drift.
/// </summary>
/// <param name="Drift">The unmanaged drift codified.</param>
/// <param name="Mode">New file, edited file or manual.</param>
/// <param name="Files">Files to write (empty for <see cref="CodifyMode.Manual"/>).</param>
/// <param name="Code">The declaration alone (HCL or YAML), for the pull-request body.</param>
/// <param name="Reason">Why the proposal is manual; null otherwise.</param>
public sealed record CodifyProposal(DriftItem Drift, CodifyMode Mode, IReadOnlyList<ProposedFile> Files, string Code, string? Reason = null);
