using System.Text;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Turns the bytes of a template file into a <see cref="CfnNode"/> tree: detects byte-order marks (UTF-8, UTF-16),
/// rejects binary and empty files, and parses JSON (when the content starts with <c>{</c>) or YAML.
/// </summary>
internal static class CfnTemplateLoader
{
    /// <summary>Result of loading: the root, or a fatal error (line, message).</summary>
    internal sealed record Loaded(CfnNode? Root, Diagnostic? Error);

    /// <summary>Loads from raw bytes. Never throws.</summary>
    public static Loaded FromBytes(byte[] bytes, string file, CfnTreeLimits limits, List<Diagnostic> warnings)
    {
        string text;
        try
        {
            text = Decode(bytes, out var binary);
            if (binary) return Fail(file, 1, "binary file, not a CloudFormation template");
        }
        catch (DecoderFallbackException)
        {
            return Fail(file, 1, "file is not valid UTF-8 or UTF-16 text");
        }
        return FromText(text, file, limits, warnings);
    }

    /// <summary>Loads from text. Never throws.</summary>
    public static Loaded FromText(string text, string file, CfnTreeLimits limits, List<Diagnostic> warnings)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (text.Contains('\0')) return Fail(file, 1, "binary file, not a CloudFormation template");
        var first = FirstSignificant(text);
        if (first < 0) return Fail(file, 1, "empty file: no CloudFormation template");
        try
        {
            if (text[first] is '{' or '[')
            {
                try
                {
                    return new(JsonTreeBuilder.Build(Encoding.UTF8.GetBytes(text), limits), null);
                }
                catch (CfnParseException jsonError)
                {
                    // "{Resources: …}" is YAML flow, not JSON: try YAML, but report the JSON error if YAML fails too.
                    if (jsonError.Message.Contains("nesting deeper", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                        return Fail(file, jsonError.Line, jsonError.Message);
                    try { return FromYaml(text, file, limits, warnings); }
                    catch (CfnParseException) { return Fail(file, jsonError.Line, jsonError.Message); }
                }
            }
            return FromYaml(text, file, limits, warnings);
        }
        catch (CfnParseException e)
        {
            return Fail(file, e.Line, e.Message);
        }
    }

    private static Loaded FromYaml(string text, string file, CfnTreeLimits limits, List<Diagnostic> warnings)
    {
        var root = YamlTreeBuilder.Build(text, file, limits, warnings);
        return root is null or CfnScalar { IsNull: true } ? Fail(file, 1, "empty file: no CloudFormation template") : new(root, null);
    }

    private static Loaded Fail(string file, int line, string message) => new(null, new Diagnostic(file, line, message));

    private static int FirstSignificant(string text)
    {
        var inComment = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inComment) { if (c == '\n') inComment = false; continue; }
            if (c == '#') { inComment = true; continue; }
            if (!char.IsWhiteSpace(c)) return i;
        }
        return -1;
    }

    /// <summary>Decodes by byte-order mark, or UTF-16 without one, else UTF-8 strictly; a NUL byte in UTF-8 text means binary.</summary>
    internal static string Decode(byte[] bytes, out bool binary)
    {
        binary = false;
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            return new UnicodeEncoding(false, true, true).GetString(bytes, 2, bytes.Length - 2);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            return new UnicodeEncoding(true, true, true).GetString(bytes, 2, bytes.Length - 2);
        // UTF-16 without a mark, told apart as the Terraform readers do (NUL every other byte of an ASCII start).
        switch (Terraform.TerraformJsonSource.DetectEncoding(bytes))
        {
            case Terraform.TerraformJsonSource.TextEncoding.Utf16Le: return new UnicodeEncoding(false, false, true).GetString(bytes);
            case Terraform.TerraformJsonSource.TextEncoding.Utf16Be: return new UnicodeEncoding(true, false, true).GetString(bytes);
        }
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        if (Array.IndexOf(bytes, (byte)0, start) >= 0) { binary = true; return ""; }
        return new UTF8Encoding(false, true).GetString(bytes, start, bytes.Length - start);
    }
}
