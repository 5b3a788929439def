using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>A CloudFormation stack's logical → physical resource ids, as <c>describe-stack-resources</c> or <c>list-stack-resources</c> print them.</summary>
/// <param name="PhysicalIds">Logical id → physical id (for <c>AWS::EC2::SecurityGroup</c>: the <c>sg-</c> id, or the group name in a default VPC / EC2-Classic).</param>
/// <param name="Errors">Problems met while reading.</param>
public sealed record StackResources(IReadOnlyDictionary<string, string> PhysicalIds, IReadOnlyList<Diagnostic> Errors)
{
    /// <summary>The stack name, when the output names one.</summary>
    public string? StackName { get; init; }
}

/// <summary>
/// Parses AWS CLI <c>aws cloudformation describe-stack-resources</c> (<c>{"StackResources":[{LogicalResourceId, PhysicalResourceId, ResourceType, StackName}]}</c>)
/// and <c>list-stack-resources</c> (<c>{"StackResourceSummaries":[…]}</c>) output. Bad input becomes errors, never exceptions.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResource.html and
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResourceSummary.html.
/// </remarks>
public static class StackResourcesParser
{
    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    public static StackResources Parse(string path)
    {
        try { return ParseText(File.ReadAllText(path), path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new(new Dictionary<string, string>(), [new Diagnostic(path, 0, $"cannot read stack resources: {ex.Message}")]);
        }
    }

    /// <summary>Parses stack-resources JSON text; <paramref name="file"/> names it in diagnostics.</summary>
    public static StackResources ParseText(string json, string file)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<Diagnostic>();
        string? stack = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            JsonElement list = default;
            var found = root.ValueKind == JsonValueKind.Object &&
                        (root.TryGetProperty("StackResources", out list) || root.TryGetProperty("StackResourceSummaries", out list));
            if (!found || list.ValueKind != JsonValueKind.Array)
                return new(map, [new Diagnostic(file, 1, "not describe-stack-resources / list-stack-resources output: expected \"StackResources\" or \"StackResourceSummaries\"")]);
            foreach (var r in list.EnumerateArray())
            {
                if (r.ValueKind != JsonValueKind.Object) continue;
                var logical = Str(r, "LogicalResourceId");
                var physical = Str(r, "PhysicalResourceId");
                stack ??= Str(r, "StackName");
                if (string.IsNullOrEmpty(logical)) { errors.Add(new Diagnostic(file, 0, "stack resource without LogicalResourceId; skipped")); continue; }
                // A resource still being created has no physical id yet: nothing to map.
                if (!string.IsNullOrEmpty(physical)) map[logical] = physical;
            }
        }
        catch (JsonException ex)
        {
            errors.Add(JsonErrorText.Diagnostic(file, ex, "invalid JSON in stack resources"));
        }
        return new(map, errors) { StackName = stack };
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
