using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared;

/// <summary>Options shared by the declared readers.</summary>
public sealed record ReaderOptions
{
    /// <summary>CloudFormation parameter values (<c>--parameters FILE</c>), key → value. Override template defaults.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// For drift: read a Terraform plan's <c>prior_state</c> (what Terraform last saw, with group ids) instead of its
    /// planned values.
    /// </summary>
    public bool PlanPriorState { get; init; }

    /// <summary>Largest file read, in bytes (default 512 MiB).</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Deepest nesting of JSON/YAML accepted (default 256).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Most YAML alias expansions accepted per document (default 10,000): stops alias bombs.</summary>
    public int MaxAliasExpansions { get; init; } = 10_000;
}

/// <summary>
/// Reads one kind of IaC file into canonical security groups. Implementations never throw for bad input:
/// every problem becomes a <see cref="Diagnostic"/> with file and line.
/// </summary>
public interface IDeclaredReader
{
    /// <summary>The kind this reader handles.</summary>
    IacKind Kind { get; }

    /// <summary>Reads <paramref name="path"/>. <paramref name="displayPath"/> is used in messages and locations.</summary>
    DeclaredDocument Read(string path, string displayPath, ReaderOptions options);
}
