using System.Security.Cryptography;
using System.Text;
using CsCheck;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Drift;

public class DriftFingerprintTests
{
    /// <summary>The documented recipe, spelled the plain way: baselines written by earlier versions must keep matching.</summary>
    private static string Documented(string? account, string? region, string? group, DriftKind kind, SgRule? rule)
    {
        var text = string.Join('|', account ?? "", region ?? "", group ?? "", kind.Name(),
            rule is null ? "" : rule.Direction.ToString().ToLowerInvariant(), rule?.Protocol ?? "",
            rule?.FromPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            rule?.ToPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", rule?.Source.Canonical ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static readonly DriftKind[] Kinds = Enum.GetValues<DriftKind>();

    [Fact]
    public void Compute_ForAnyDrift_ShouldEqualTheDocumentedSha256Recipe()
    {
        Gen.Select(Gen.String, Gen.String, Gen.Int[0, Kinds.Length - 1], Gen.Bool, Gen.Int[-1, 65535], Gen.Int[0, 32], Gen.Int[0, 800])
           .Sample((account, region, k, egress, port, prefix, padding) =>
           {
               // Given any account and region text (unicode, empty, long) and a rule or none
               var rule = port < 0 ? null : new SgRule("sg-1", egress ? Direction.Egress : Direction.Ingress, "tcp", port, port,
                                                       new Cidr($"10.0.0.0/{prefix}"));
               var longRegion = region + new string('r', padding);
               // When
               var fingerprint = DriftFingerprint.Compute(account, longRegion, "sg-0abc", Kinds[k], rule);
               // Then it is the documented recipe's value, 16 lower-case hex characters
               return fingerprint == Documented(account, longRegion, "sg-0abc", Kinds[k], rule) && fingerprint.Length == 16;
           });
    }
}
