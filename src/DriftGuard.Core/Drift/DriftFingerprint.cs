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
        // Written into stack buffers with plain (non-generic) appends: analysing 50,000 rules computes one per drift,
        // so no strings per call, and little code to compile in a one-shot CLI run.
        Span<char> text = stackalloc char[512];
        var pos = 0;
        while (!TryWrite(text, account, region, groupId, kind, rule, out pos)) text = new char[text.Length * 2];
        var chars = text[..pos];
        var max = Encoding.UTF8.GetMaxByteCount(chars.Length);
        var bytes = max <= 1024 ? stackalloc byte[1024] : new byte[max];
        var length = Encoding.UTF8.GetBytes(chars, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..length], hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    private static bool TryWrite(Span<char> into, string? account, string? region, string? groupId, DriftKind kind, SgRule? rule, out int pos)
    {
        pos = 0;
        return Text(into, ref pos, account) && Bar(into, ref pos) && Text(into, ref pos, region) && Bar(into, ref pos) &&
               Text(into, ref pos, groupId) && Bar(into, ref pos) && Text(into, ref pos, kind.Name()) && Bar(into, ref pos) &&
               Text(into, ref pos, rule is null ? null : DirectionText(rule.Direction)) && Bar(into, ref pos) &&
               Text(into, ref pos, rule?.Protocol) && Bar(into, ref pos) &&
               Number(into, ref pos, rule?.FromPort) && Bar(into, ref pos) && Number(into, ref pos, rule?.ToPort) && Bar(into, ref pos) &&
               Text(into, ref pos, rule?.Source.Canonical);
    }

    private static bool Text(Span<char> into, ref int pos, string? value)
    {
        if (value is null) return true;
        if (!value.AsSpan().TryCopyTo(into[pos..])) return false;
        pos += value.Length;
        return true;
    }

    private static bool Bar(Span<char> into, ref int pos)
    {
        if (pos >= into.Length) return false;
        into[pos++] = '|';
        return true;
    }

    private static bool Number(Span<char> into, ref int pos, int? value)
    {
        if (value is not { } v) return true;
        if (!v.TryFormat(into[pos..], out var written, default, CultureInfo.InvariantCulture)) return false;
        pos += written;
        return true;
    }

    private static string DirectionText(Direction d) => d == Direction.Ingress ? "ingress" : "egress";
}
