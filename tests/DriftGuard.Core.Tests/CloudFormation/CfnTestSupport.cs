using DriftGuard.Core.Declared;
using DriftGuard.Core.Declared.CloudFormation;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.CloudFormation;

/// <summary>Paths to shared test material and small helpers for reading templates in tests.</summary>
internal static class CfnTestSupport
{
    private static readonly Lazy<string> Shared = new(() => Path.GetFullPath(Path.Combine(DriftGuard.Tests.RepoPaths.Root, "..", "shared")));

    /// <summary>Absolute path of a file under ../shared/cases.</summary>
    public static string Case(string relative) => Path.Combine(Shared.Value, "cases", relative);

    /// <summary>Reads a shared case file with default options.</summary>
    public static DeclaredDocument ReadCase(string relative, ReaderOptions? options = null) =>
        new CloudFormationReader().Read(Case(relative), Path.GetFileName(relative), options ?? new ReaderOptions());

    /// <summary>Reads template text.</summary>
    public static DeclaredDocument ReadText(string template, ReaderOptions? options = null, string name = "template.yaml") =>
        new CloudFormationReader().ReadContent(template, name, options ?? new ReaderOptions());

    /// <summary>The group with key <paramref name="key"/>.</summary>
    public static SecurityGroup Group(this DeclaredDocument doc, string key) => doc.Groups.Single(g => g.Key == key);

    /// <summary>Rules as "direction protocol from-to source" texts, sorted: compact to assert, independent of line numbers.</summary>
    public static string[] RuleTexts(this SecurityGroup group) =>
        [.. group.Rules.Select(r => $"{r.Direction.ToString().ToLowerInvariant()} {r.Protocol} {r.FromPort?.ToString() ?? "-"}-{r.ToPort?.ToString() ?? "-"} {Describe(r.Source)}").Order(StringComparer.Ordinal)];

    private static string Describe(RuleSource source) => source switch
    {
        UnknownSource u => $"unknown:{u.Kind}",
        GroupRef g => "group:" + g.GroupId,
        _ => source.Canonical,
    };
}
