using CsCheck;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Policy;

public class CidrTests
{
    [Theory]
    [InlineData("010.0.0.0/8")]      // octal in inet_aton: would be read as 8.0.0.0/8
    [InlineData("0x0a.0.0.0/8")]     // hex
    [InlineData("10.1/16")]          // shorthand
    [InlineData("10.0.0.256/32")]
    [InlineData("10.0.0.0.0/8")]
    [InlineData("10..0.0/8")]
    [InlineData(" 1 0.0.0.0/8")]
    public void TryParse_WhenTheIpv4AddressIsNotFourDecimalOctets_ShouldRefuseIt(string text)
    {
        // When
        var ok = Cidr.TryParse(text, out var cidr, out var error);
        // Then
        ok.ShouldBeFalse($"parsed as {cidr}");
        error.ShouldNotBeNull().ShouldContain("invalid CIDR");
    }

    [Fact]
    public void TryParse_ForAnyDecimalIpv4Cidr_ShouldGiveTheSameNetworkAsSystemNetIPNetwork()
    {
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte, Gen.Byte, Gen.Int[0, 32]).Sample((a, b, c, d, prefix) =>
        {
            // Given any address written in plain decimal, host bits set or not
            var text = $"{a}.{b}.{c}.{d}/{prefix}";
            // When
            var ok = Cidr.TryParse(text, out var cidr, out _);
            // Then it is the network System.Net computes, written canonically
            var value = ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
            var network = prefix == 0 ? 0u : value & (uint.MaxValue << (32 - prefix));
            var expected = new System.Net.IPNetwork(new System.Net.IPAddress([(byte)(network >> 24), (byte)(network >> 16), (byte)(network >> 8), (byte)network]), prefix);
            return ok && cidr!.Block == expected.ToString();
        });
    }
}
