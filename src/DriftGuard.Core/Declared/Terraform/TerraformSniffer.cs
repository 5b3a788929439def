using System.Text;
using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// Tells the kind of a JSON IaC file from its first few kilobytes, by the top-level keys it has read so far:
/// <list type="bullet">
/// <item><c>planned_values</c>, <c>resource_changes</c>, <c>prior_state</c> or <c>variables</c> next to <c>format_version</c> → <see cref="IacKind.TerraformPlan"/></item>
/// <item><c>values</c> next to <c>format_version</c>, or <c>version</c> with <c>lineage</c>/<c>serial</c>/<c>resources</c> → <see cref="IacKind.TerraformState"/></item>
/// <item><c>resource</c>, <c>provider</c>, <c>terraform</c>, <c>module</c>, <c>variable</c>, <c>data</c> or <c>locals</c> → <see cref="IacKind.TerraformJson"/></item>
/// <item><c>AWSTemplateFormatVersion</c> or <c>Resources</c> → <see cref="IacKind.CloudFormation"/>; <c>SecurityGroups</c> → <see cref="IacKind.LiveDescribe"/></item>
/// </list>
/// Formats: https://developer.hashicorp.com/terraform/internals/json-format and https://developer.hashicorp.com/terraform/language/syntax/json.
/// </summary>
public static class TerraformSniffer
{
    /// <summary>Bytes worth reading for <see cref="Detect"/>.</summary>
    public const int HeadBytes = 16 * 1024;

    /// <summary>
    /// Detects the kind from the start of a file (UTF-8 with or without BOM, or UTF-16 with BOM); the text may stop
    /// anywhere. Returns <see cref="IacKind.Unknown"/> for anything else (including YAML and non-JSON).
    /// </summary>
    public static IacKind Detect(ReadOnlySpan<byte> head)
    {
        byte[]? transcoded = null;
        switch (TerraformJsonSource.DetectEncoding(head))
        {
            case TerraformJsonSource.TextEncoding.Utf8Bom:
                head = head[3..];
                break;
            case TerraformJsonSource.TextEncoding.Utf16Le or TerraformJsonSource.TextEncoding.Utf16Be:
                var big = TerraformJsonSource.DetectEncoding(head) == TerraformJsonSource.TextEncoding.Utf16Be;
                var bom = head.Length >= 2 && head[0] is 0xFF or 0xFE ? 2 : 0;
                var body = head[bom..];
                transcoded = Encoding.UTF8.GetBytes(new UnicodeEncoding(big, false, false).GetString(body[..(body.Length & ~1)]));
                head = transcoded;
                break;
        }
        var keys = TopLevelKeys(head);
        bool Has(string k) => keys.Contains(k);
        if (Has("planned_values") || Has("resource_changes") || Has("prior_state") || Has("resource_drift") || Has("output_changes")
            || (Has("format_version") && (Has("variables") || Has("configuration"))))
            return IacKind.TerraformPlan;
        if (Has("format_version") && Has("values")) return IacKind.TerraformState;
        if (Has("version") && (Has("lineage") || Has("serial") || Has("resources") || Has("terraform_version"))) return IacKind.TerraformState;
        if (Has("AWSTemplateFormatVersion") || Has("Resources")) return IacKind.CloudFormation;
        if (Has("SecurityGroups")) return IacKind.LiveDescribe;
        if (Has("resource") || Has("provider") || Has("terraform") || Has("module") || Has("variable") || Has("data") || Has("locals") || Has("output"))
            return IacKind.TerraformJson;
        if (Has("format_version") && Has("terraform_version")) return IacKind.TerraformPlan; // a plan whose big "variables" filled the head
        return IacKind.Unknown;
    }

    /// <summary>Reads the first <see cref="HeadBytes"/> of <paramref name="path"/> and detects its kind; Unknown when unreadable.</summary>
    public static IacKind DetectFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[HeadBytes];
            var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return Detect(buffer.AsSpan(0, n));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return IacKind.Unknown;
        }
    }

    private static HashSet<string> TopLevelKeys(ReadOnlySpan<byte> head)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 1024 });
        var r = new Utf8JsonReader(head, isFinalBlock: false, state);
        try
        {
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return keys;
            while (r.Read())
            {
                if (r.TokenType == JsonTokenType.EndObject && r.CurrentDepth == 0) break;
                if (r.TokenType == JsonTokenType.PropertyName && r.CurrentDepth == 1)
                {
                    keys.Add(r.GetString()!);
                    if (!r.TrySkip()) break; // the value runs past the head
                }
            }
        }
        catch (JsonException)
        {
            // not JSON past this point: decide on the keys seen so far
        }
        return keys;
    }
}
