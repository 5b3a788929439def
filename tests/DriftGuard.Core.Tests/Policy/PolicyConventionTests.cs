using System.Reflection;
using System.Text.RegularExpressions;
using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;

namespace DriftGuard.Core.Tests.Policy;

/// <summary>Keeps the catalogue consistent as it grows (Octokit-style convention tests, by reflection).</summary>
public sealed class PolicyConventionTests
{
    /// <summary>Every concrete policy type in DriftGuard.Core, found by reflection rather than through the catalogue.</summary>
    public static TheoryData<string> PolicyTypes() =>
    [
        .. typeof(PolicyCatalog).Assembly.GetTypes()
            .Where(t => typeof(IRulePolicy).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => t.FullName!)
            .Order(),
    ];

    private static PolicyInfo InfoOf(string typeName) =>
        ((IRulePolicy)Activator.CreateInstance(typeof(PolicyCatalog).Assembly.GetType(typeName)!, nonPublic: true)!).Info;

    [Fact]
    public void Catalog_WhenComparedWithReflection_ShouldRegisterEveryPolicyType()
    {
        // Given every policy type in the assembly
        var types = PolicyTypes().Cast<object[]>().Select(row => (string)row[0]).ToList();

        // When / Then each is registered exactly once in the catalogue, in id order
        PolicyCatalog.Policies.Select(p => p.GetType().FullName!).ShouldBe(types, ignoreOrder: true);
        PolicyCatalog.All.Select(p => p.Id).ShouldBe(PolicyCatalog.All.Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Catalog_WhenListed_ShouldHaveUniqueIdsAndNames()
    {
        // Given / When
        var ids = PolicyCatalog.All.Select(p => p.Id).ToList();
        var names = PolicyCatalog.All.Select(p => p.Name).ToList();

        // Then
        ids.ShouldBeUnique();
        names.ShouldBeUnique();
    }

    [Theory]
    [MemberData(nameof(PolicyTypes))]
    public void Policy_WhenInspected_ShouldHaveWellFormedIdAndName(string typeName)
    {
        // Given / When
        var info = InfoOf(typeName);

        // Then
        info.Id.ShouldMatch(@"^DG-[A-Z]+-\d{3}$");
        info.Name.ShouldMatch(@"^Ec2\.SecurityGroup\.[A-Z][A-Za-z]+$");
        info.Name.ShouldEndWith(typeName[(typeName.LastIndexOf('.') + 1)..], customMessage: "the readable name ends with the class name");
    }

    [Theory]
    [MemberData(nameof(PolicyTypes))]
    public void Policy_WhenInspected_ShouldHaveSeverityControlsAndTexts(string typeName)
    {
        // Given / When
        var info = InfoOf(typeName);

        // Then
        info.Severity.ShouldNotBe(Severity.None);
        Enum.IsDefined(info.Severity).ShouldBeTrue();
        info.Controls.ShouldNotBeEmpty();
        info.Title.ShouldNotBeNullOrWhiteSpace();
        info.Rationale.ShouldNotBeNullOrWhiteSpace();
        info.Remediation.ShouldContain("Terraform");
        info.Remediation.ShouldContain("CloudFormation");
    }

    [Theory]
    [MemberData(nameof(PolicyTypes))]
    public void Policy_WhenInspected_ShouldHaveADocsPageMatchingItsMetadata(string typeName)
    {
        // Given the policy and its docs page
        var info = InfoOf(typeName);
        var page = Path.Combine(RepoRoot(), info.HelpUri);
        File.Exists(page).ShouldBeTrue($"missing {info.HelpUri}");
        var text = File.ReadAllText(page);

        // When the front matter is read
        var front = Regex.Match(text, @"\A---\r?\n(?<fm>.*?)\r?\n---", RegexOptions.Singleline);
        front.Success.ShouldBeTrue("front matter");
        var fm = front.Groups["fm"].Value;

        // Then it agrees with the code, and the fixed sections are there
        fm.ShouldContain($"id: {info.Id}");
        fm.ShouldContain($"name: {info.Name}");
        fm.ShouldContain($"severity: {info.Severity.Name()}");
        foreach (var control in info.Controls) fm.ShouldContain(control);
        foreach (var section in new[] { "## Synopsis", "## Description", "## Recommendation", "## Links" })
            text.ShouldContain(section);
        text.ShouldContain("```hcl");
        text.ShouldContain("```yaml");
    }

    [Theory]
    [MemberData(nameof(PolicyTypes))]
    public void Policy_WhenInspected_ShouldHaveATestClass(string typeName)
    {
        // Given / When
        var className = typeName[(typeName.LastIndexOf('.') + 1)..] + "Tests";

        // Then
        typeof(PolicyConventionTests).Assembly.GetTypes().ShouldContain(t => t.Name == className);
    }

    /// <summary>Walks up from the test binaries to the directory holding DriftGuard.sln.</summary>
    internal static string RepoRoot() => DriftGuard.Tests.RepoPaths.Root;
}
