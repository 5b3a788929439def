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
        // Written into stack buffers: analysing 50,000 rules computes one per drift, so no strings per call.
        Span<char> text = stackalloc char[512];
        int written;
        while (!(rule is null
                   ? text.TryWrite(CultureInfo.InvariantCulture, $"{account}|{region}|{groupId}|{kind.Name()}|||||", out written)
                   : text.TryWrite(CultureInfo.InvariantCulture,
                       $"{account}|{region}|{groupId}|{kind.Name()}|{DirectionText(rule.Direction)}|{rule.Protocol}|{rule.FromPort}|{rule.ToPort}|{rule.Source.Canonical}",
                       out written)))
        {
            text = new char[text.Length * 2];
        }
        var chars = text[..written];
        var bytes = Encoding.UTF8.GetMaxByteCount(chars.Length) <= 1024 ? stackalloc byte[1024] : new byte[Encoding.UTF8.GetMaxByteCount(chars.Length)];
        var length = Encoding.UTF8.GetBytes(chars, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..length], hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    private static string DirectionText(Direction d) => d == Direction.Ingress ? "ingress" : "egress";
}
