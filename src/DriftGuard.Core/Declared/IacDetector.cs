using System.Text;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared;

/// <summary>
/// Tells the kind of an input file from its content (first 64 KiB), not only its extension:
/// Terraform plan / state / JSON configuration, CloudFormation YAML or JSON, or AWS CLI describe output.
/// </summary>
public static class IacDetector
{
    private const int SniffBytes = 64 * 1024;

    /// <summary>Extensions that promise IaC: a file with one of them that cannot be read is an error, not a skip.</summary>
    public static bool HasIacExtension(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        return name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)
            || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".template", StringComparison.Ordinal)
            || name.EndsWith(".tfstate", StringComparison.Ordinal) || name.EndsWith(".tfplan.json", StringComparison.Ordinal);
    }

    /// <summary>Result of detection.</summary>
    /// <param name="Kind">Detected kind, or <see cref="IacKind.Unknown"/>.</param>
    /// <param name="Problem">Why the file cannot be IaC (empty, binary), when known.</param>
    public sealed record Detection(IacKind Kind, string? Problem);

    /// <summary>Detects the kind of <paramref name="path"/>. Never throws for unreadable content; I/O errors are reported as a problem.</summary>
    public static Detection Detect(string path)
    {
        byte[] head;
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            head = new byte[(int)Math.Min(SniffBytes, fs.Length)];
            var read = 0;
            while (read < head.Length)
            {
                var n = fs.Read(head, read, head.Length - read);
                if (n == 0) break;
                read += n;
            }
            if (read < head.Length) Array.Resize(ref head, read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(IacKind.Unknown, $"cannot read file: {ex.Message}");
        }
        return Detect(head, Path.GetFileName(path));
    }

    /// <summary>Detects the kind from the first bytes of a file.</summary>
    public static Detection Detect(ReadOnlySpan<byte> head, string fileName)
    {
        if (head.IsEmpty) return new(IacKind.Unknown, "empty file");
        var text = DecodeHead(head, out var binary);
        if (binary) return new(IacKind.Unknown, "binary file (not JSON or YAML text)");
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0) return new(IacKind.Unknown, "empty file");

        if (trimmed[0] is '{' or '[')
        {
            if (Has(text, "\"planned_values\"") || Has(text, "\"resource_changes\"") || Has(text, "\"prior_state\"")
                || (Has(text, "\"format_version\"") && Has(text, "\"configuration\"")))
                return new(IacKind.TerraformPlan, null);
            if (Has(text, "\"format_version\"") && Has(text, "\"values\"")) return new(IacKind.TerraformState, null);
            if (Has(text, "\"lineage\"") || (Has(text, "\"terraform_version\"") && Has(text, "\"resources\"")))
                return new(IacKind.TerraformState, null);
            if (Has(text, "\"AWSTemplateFormatVersion\"") || (Has(text, "\"Resources\"") && Has(text, "\"AWS::")))
                return new(IacKind.CloudFormation, null);
            if (Has(text, "\"SecurityGroups\"") && (Has(text, "\"IpPermissions\"") || Has(text, "\"GroupId\"")))
                return new(IacKind.LiveDescribe, null);
            if (Has(text, "\"resource\"") && (Has(text, "\"aws_") || fileName.EndsWith(".tf.json", StringComparison.OrdinalIgnoreCase)))
                return new(IacKind.TerraformJson, null);
            if (fileName.EndsWith(".tf.json", StringComparison.OrdinalIgnoreCase)) return new(IacKind.TerraformJson, null);
            if (Has(text, "\"format_version\"") || Has(text, "\"terraform_version\"")) return new(IacKind.TerraformPlan, null);
            return new(IacKind.Unknown, null);
        }

        // YAML: CloudFormation is the only YAML IaC we read.
        if (Has(text, "AWSTemplateFormatVersion") || (HasLineStarting(text, "Resources:") && Has(text, "AWS::")))
            return new(IacKind.CloudFormation, null);
        return new(IacKind.Unknown, null);
    }

    private static bool Has(string text, string needle) => text.Contains(needle, StringComparison.Ordinal);

    private static bool HasLineStarting(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) || text.Contains("\n" + prefix, StringComparison.Ordinal);

    /// <summary>Decodes a file head: UTF-8, or UTF-16 LE/BE with or without a byte-order mark; flags binary content (NUL bytes outside UTF-16).</summary>
    internal static string DecodeHead(ReadOnlySpan<byte> head, out bool binary)
    {
        binary = false;
        // The Terraform readers' detection: byte-order marks, and UTF-16 without a mark (NUL every other byte of an
        // ASCII start), which is text, not binary.
        var encoding = Terraform.TerraformJsonSource.DetectEncoding(head);
        if (encoding is Terraform.TerraformJsonSource.TextEncoding.Utf16Le or Terraform.TerraformJsonSource.TextEncoding.Utf16Be)
        {
            var enc = encoding == Terraform.TerraformJsonSource.TextEncoding.Utf16Le ? Encoding.Unicode : Encoding.BigEndianUnicode;
            var bom = head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)) ? 2 : 0;
            var even = head[bom..];
            if (even.Length % 2 == 1) even = even[..^1];
            return enc.GetString(even);
        }
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) head = head[3..];
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0) { binary = true; return ""; }
            if (b < 0x09 || (b > 0x0D && b < 0x20)) control++;
        }
        if (control > head.Length / 100 + 4) { binary = true; return ""; }
        return Encoding.UTF8.GetString(head);
    }
}
