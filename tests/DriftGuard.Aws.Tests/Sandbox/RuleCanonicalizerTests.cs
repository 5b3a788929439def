using System.Net;
using CsCheck;
using DriftGuard.Sandbox.Ec2;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class RuleCanonicalizerTests
{
    private static readonly Gen<(byte[] Address, int Prefix)> Ipv4Cidrs =
        Gen.Select(Gen.Byte.Array[4], Gen.Int[0, 32]);

    [Fact]
    public void Ipv4Cidr_WhenAnyAddressAndPrefix_ShouldBeIdempotentAndContainTheAddress()
    {
        Ipv4Cidrs.Sample(c =>
        {
            // Given
            var raw = $"{new IPAddress(c.Address)}/{c.Prefix}";

            // When
            var canonical = RuleCanonicalizer.Ipv4Cidr(raw);

            // Then
            RuleCanonicalizer.Ipv4Cidr(canonical).ShouldBe(canonical);
            IPNetwork.Parse(canonical).Contains(new IPAddress(c.Address)).ShouldBeTrue();
        });
    }

    [Fact]
    public void Ipv6Cidr_WhenAnyAddressAndPrefix_ShouldBeIdempotentAndContainTheAddress()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.Int[0, 128]).Sample(c =>
        {
            // Given
            var raw = $"{new IPAddress(c.Item1)}/{c.Item2}";

            // When
            var canonical = RuleCanonicalizer.Ipv6Cidr(raw);

            // Then
            RuleCanonicalizer.Ipv6Cidr(canonical).ShouldBe(canonical);
            IPNetwork.Parse(canonical).Contains(new IPAddress(c.Item1)).ShouldBeTrue();
        });
    }

    [Fact]
    public void Protocol_WhenAnyIanaNumber_ShouldMapTheFourNamedOnesAndKeepOthersAsNumbers()
    {
        Gen.Int[0, 255].Sample(n =>
        {
            // When
            var canonical = RuleCanonicalizer.Protocol(n.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // Then
            canonical.ShouldBe(n switch { 6 => "tcp", 17 => "udp", 1 => "icmp", 58 => "icmpv6", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        });
    }
}
