using System.Globalization;
using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Loads CloudFormation parameter values for <see cref="ReaderOptions.Parameters"/> (<c>--parameters FILE</c>).
/// Accepted shapes: the AWS CLI form <c>[{"ParameterKey": "K", "ParameterValue": "V"}, …]</c> (as passed to
/// <c>aws cloudformation create-stack --parameters file://…</c>) and the template-configuration form
/// <c>{"Parameters": {"K": "V", …}}</c> (CodePipeline). Numbers and booleans are read as their text; a list value
/// is joined with commas (CommaDelimitedList). Entries with <c>UsePreviousValue: true</c> and no value are skipped.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html;
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/continuous-delivery-codepipeline-cfn-artifacts.html.
/// </remarks>
public static class CloudFormationParameters
{
    /// <summary>Reads <paramref name="path"/>; never throws. On any problem returns what could be read and lists the errors.</summary>
    /// <param name="path">Parameter file (JSON).</param>
    /// <param name="errors">Problems with file and 1-based line (0 when unknown).</param>
    /// <returns>Parameter name → value, ordinal keys.</returns>
    public static IReadOnlyDictionary<string, string> Load(string path, out IReadOnlyList<Diagnostic> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        errors = problems;
        try
        {
            var bytes = File.ReadAllBytes(path);
            var text = CfnTemplateLoader.Decode(bytes, out var binary);
            if (binary) { problems.Add(new Diagnostic(path, 1, "binary file, not a parameter file")); return result; }
            if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in root.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("ParameterKey", out var key) || key.ValueKind != JsonValueKind.String)
                    {
                        problems.Add(new Diagnostic(path, 0, "each entry must be {\"ParameterKey\": …, \"ParameterValue\": …}"));
                        continue;
                    }
                    if (entry.TryGetProperty("ParameterValue", out var value)) result[key.GetString()!] = Text(value);
                    else if (!(entry.TryGetProperty("UsePreviousValue", out var previous) && previous.ValueKind == JsonValueKind.True))
                        problems.Add(new Diagnostic(path, 0, $"parameter '{key.GetString()}' has no ParameterValue"));
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in parameters.EnumerateObject()) result[p.Name] = Text(p.Value);
            }
            else
            {
                problems.Add(new Diagnostic(path, 1, "expected [{\"ParameterKey\":…,\"ParameterValue\":…}] or {\"Parameters\":{…}}"));
            }
        }
        catch (JsonException e)
        {
            problems.Add(new Diagnostic(path, e.LineNumber is { } l ? (int)l + 1 : 0, "invalid JSON: " + FirstSentence(e.Message)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            problems.Add(new Diagnostic(path, 0, $"cannot read parameter file: {e.Message}"));
        }
        return result;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(Text)),
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ').ToString(CultureInfo.InvariantCulture);
    }
}
