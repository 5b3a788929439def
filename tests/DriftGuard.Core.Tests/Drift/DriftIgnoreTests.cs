using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.Drift.Declare;

namespace DriftGuard.Core.Tests.Drift;

public class DriftIgnoreTests
{
    private static DriftItem Unmanaged(string groupId, SgRule rule, string? resource = null) =>
        new(DriftKind.Unmanaged, groupId, rule) { Resource = resource };

    [Fact]
    public void IsIgnored_WhenGroupPatternMatches_ShouldIgnoreGroupAndRuleDrifts()
    {
        // Given
        var ignore = DriftIgnore.Parse("sg-0abc*\n");
        // When / Then
        ignore.IsIgnored(new DriftItem(DriftKind.UnmanagedGroup, "sg-0abc12", null)).ShouldBeTrue();
        ignore.IsIgnored(Unmanaged("sg-0abc12", Tcp("sg-0abc12", 22, "0.0.0.0/0"))).ShouldBeTrue();
        ignore.IsIgnored(Unmanaged("sg-0def", Tcp("sg-0def", 22, "0.0.0.0/0"))).ShouldBeFalse();
    }

    [Fact]
    public void IsIgnored_WhenPatternNamesTheResourceAddress_ShouldMatchIt()
    {
        // Given
        var ignore = DriftIgnore.Parse("module.net.aws_security_group.*\n");
        // When / Then
        ignore.IsIgnored(Unmanaged("sg-1", Tcp("sg-1", 22, "10.0.0.0/8"), "module.net.aws_security_group.web")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("sg-1:ingress:tcp:22:0.0.0.0/0", true)]
    [InlineData("sg-1:ingress:tcp:*:*", true)]
    [InlineData("sg-1:egress:tcp:22:0.0.0.0/0", false)]
    [InlineData("sg-1:ingress:tcp:20-25:*", false)]
    [InlineData("sg-1:ingress:udp:22:*", false)]
    public void IsIgnored_WhenRulePatternGiven_ShouldMatchDirectionProtocolPortsAndSource(string pattern, bool ignored)
    {
        // Given
        var ignore = DriftIgnore.Parse(pattern);
        // When / Then
        ignore.IsIgnored(Unmanaged("sg-1", Tcp("sg-1", 22, "0.0.0.0/0"))).ShouldBe(ignored);
    }

    [Fact]
    public void IsIgnored_WhenSourceIsIpv6_ShouldKeepItsColonsInTheSourceField()
    {
        // Given
        var ignore = DriftIgnore.Parse("sg-1:ingress:tcp:20-25:2001:db8::/32");
        var rule = new SgRule("sg-1", Direction.Ingress, "tcp", 20, 25, Cidr.Parse("2001:db8::/32"));
        // When / Then
        ignore.IsIgnored(Unmanaged("sg-1", rule)).ShouldBeTrue();
    }

    [Fact]
    public void IsIgnored_WhenLaterNegationMatches_ShouldKeepTheDrift()
    {
        // Given: ignore everything in sg-1 but SSH; the last match wins
        var ignore = DriftIgnore.Parse("# team sandbox\nsg-1\n!sg-1:ingress:tcp:22:*\n");
        // When / Then
        ignore.IsIgnored(Unmanaged("sg-1", Tcp("sg-1", 22, "0.0.0.0/0"))).ShouldBeFalse();
        ignore.IsIgnored(Unmanaged("sg-1", Tcp("sg-1", 80, "0.0.0.0/0"))).ShouldBeTrue();
        ignore.Count.ShouldBe(2);
    }

    [Fact]
    public void IsIgnored_WhenProtocolAllHasNoPorts_ShouldMatchPortsAll()
    {
        // Given
        var ignore = DriftIgnore.Parse("sg-1:egress:all:all:0.0.0.0/0");
        // When / Then
        ignore.IsIgnored(Unmanaged("sg-1", All("sg-1", "0.0.0.0/0", Direction.Egress))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("sg-1:ingress:tcp", 1)]
    [InlineData("ok\n!\n", 2)]
    public void Parse_WhenLineIsMalformed_ShouldReportItsLine(string text, int line)
    {
        // Given / When
        var ignore = DriftIgnore.Parse(text, ".driftguardignore");
        // Then
        ignore.Errors.ShouldHaveSingleItem().Line.ShouldBe(line);
    }

    [Fact]
    public void Load_WhenFileIsMissing_ShouldReportAnErrorNotThrow()
    {
        // Given / When
        var ignore = DriftIgnore.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), ".driftguardignore"));
        // Then
        ignore.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("cannot read ignore file");
        ignore.Count.ShouldBe(0);
    }
}
