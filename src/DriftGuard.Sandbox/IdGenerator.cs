using System.Security.Cryptography;

namespace DriftGuard.Sandbox;

/// <summary>
/// Makes EC2-style resource ids: prefix, dash, 17 lower-case hex digits (<c>sg-0a1b2c3d4e5f60718</c>), the
/// long id format EC2 has used since 2018. Seeded for repeatable runs, otherwise cryptographically random.
/// </summary>
internal sealed class IdGenerator(int? seed)
{
    private readonly Random? _random = seed is { } s ? new Random(s) : null;

    public string Next(string prefix)
    {
        Span<byte> bytes = stackalloc byte[9];
        if (_random is null) RandomNumberGenerator.Fill(bytes); else _random.NextBytes(bytes);
        // 9 bytes = 18 hex digits; EC2 ids carry 17, the first commonly 0.
        return $"{prefix}-0{Convert.ToHexStringLower(bytes)[..16]}";
    }
}
