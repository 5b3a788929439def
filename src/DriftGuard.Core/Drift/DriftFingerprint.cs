using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>Stable drift fingerprints, the key of baseline files.</summary>
public static class DriftFingerprint
{
    /// <summary>
    /// First 16 lower-case hex characters of SHA-256 over <c>account|region|group|kind|direction|protocol|from|to|source</c>
    /// (rule fields empty for group-level drifts). Descriptions, rule ids and IaC locations are left out so that
    /// the fingerprint survives a description edit, a re-created rule and a moved file.
    /// </summary>
    public static string Compute(string? account, string? region, string? groupId, DriftKind kind, SgRule? rule)
    {
        var text = string.Join('|', account ?? "", region ?? "", groupId ?? "", kind.Name(),
            rule is null ? "" : rule.Direction.ToString().ToLowerInvariant(),
            rule?.Protocol ?? "", Num(rule?.FromPort), Num(rule?.ToPort), rule?.Source.Canonical ?? "");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..16];
    }

    private static string Num(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
}
