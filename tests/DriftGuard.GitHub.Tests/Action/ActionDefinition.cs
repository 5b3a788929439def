using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace DriftGuard.GitHub.Tests.Action;

/// <summary>A workflow or action YAML file read with YamlDotNet into plain dictionaries and lists.</summary>
internal static partial class Yaml
{
    public static Dictionary<object, object> Load(string path) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(path));

    public static Dictionary<object, object> Map(this object? node) => node as Dictionary<object, object> ?? [];
    public static List<object> List(this object? node) => node as List<object> ?? [];
    public static string? Text(this Dictionary<object, object> map, string key) => map.TryGetValue(key, out var v) ? v as string : null;

    /// <summary><c>${{ inputs.NAME }}</c> → NAME; null for anything else.</summary>
    public static string? InputReference(string value) => InputExpression().Match(value.Trim()) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}$")]
    private static partial Regex InputExpression();
}

/// <summary>The repository's <c>action.yml</c>: inputs with defaults, outputs and composite steps.</summary>
internal sealed class ActionDefinition
{
    public static string PathOnDisk => Repo.Path_("action.yml");

    public Dictionary<object, object> Root { get; } = Yaml.Load(PathOnDisk);

    public Dictionary<string, string?> InputDefaults =>
        Root["inputs"].Map().ToDictionary(kv => (string)kv.Key, kv => kv.Value.Map().Text("default"));

    public Dictionary<string, string> Outputs =>
        Root["outputs"].Map().ToDictionary(kv => (string)kv.Key, kv => kv.Value.Map().Text("value") ?? "");

    public List<Dictionary<object, object>> Steps => Root["runs"].Map()["steps"].List().Select(s => s.Map()).ToList();
}
