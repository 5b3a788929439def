using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using static DriftGuard.Core.Tests.Policy.Fx;

namespace DriftGuard.Core.Tests.Policy;

public sealed class NoForbiddenCidrsTests
{
    private static readonly PolicyConfig Config = PolicyConfig.Default with
    {
        ForbiddenCidrs = [Cidr.Parse("198.51.100.0/24"), Cidr.Parse("2001:db8:bad::/48")],
    };

    private static readonly SecurityGroup[] Fixtures =
    [
        Sg("fail_inside_forbidden", Tcp(443, "198.51.100.7/32")),
        Sg("fail_contains_forbidden", Tcp(443, "198.51.0.0/16")),
        Sg("fail_world_contains_forbidden", Tcp(443, "0.0.0.0/0")),
        Sg("fail_egress_to_forbidden", Tcp(443, "198.51.100.0/24").Egress()),
        Sg("fail_ipv6_inside_forbidden", Tcp(443, "2001:db8:bad:1::/64")),
        Sg("pass_neighbour_block", Tcp(443, "198.51.101.0/24")),
        Sg("pass_ipv6_neighbour", Tcp(443, "2001:db8:cafe::/48")),
        Sg("pass_group_ref", Tcp(443, "sg-0123456789abcdef0")),
        Sg("pass_prefix_list", Tcp(443, "pl-0123456789abcdef0")),
    ];

    [Fact]
    public void Evaluate_WhenFixturesLoaded_ShouldFailExactlyTheFailFixtures()
    {
        // Given forbidden 198.51.100.0/24 and 2001:db8:bad::/48
        // When
        var (failed, _) = Run("DG-SG-007", Fixtures, Config);

        // Then every rule whose CIDR overlaps a forbidden block fails, in either direction
        failed.ShouldBe(Names(Fixtures, "fail_"));
    }

    [Fact]
    public void Evaluate_WhenNoForbiddenCidrsConfigured_ShouldNeverFail()
    {
        // Given the default policy file (no forbiddenCidrs)
        // When
        var (failed, _) = Run("DG-SG-007", Fixtures);

        // Then
        failed.ShouldBeEmpty();
    }
}
