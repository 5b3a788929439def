using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.Drift.Declare;

namespace DriftGuard.Core.Tests.Drift;

/// <summary>A hostile or broken <c>.driftguardignore</c> gives one line naming the file and line, quickly, never a hang.</summary>
public sealed class DriftIgnoreLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-ignore-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteBytes(byte[] bytes)
    {
        var path = Path.Combine(_dir, ".driftguardignore");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static DriftItem Ssh(string groupId) => new(DriftKind.Unmanaged, groupId, Tcp(groupId, 22, "0.0.0.0/0"));

    [Fact]
    public void IsIgnored_WhenPatternHasManyStarsAndNeverMatches_ShouldAnswerQuickly()
    {
        // Given: the shape that made a backtracking matcher take seconds (stars between repeated characters, no match)
        var pattern = string.Concat(Enumerable.Repeat("a*", 500)) + "b";
        var ignore = DriftIgnore.Parse(pattern);
        var drift = new DriftItem(DriftKind.UnmanagedGroup, new string('a', 5000), null);
        // When
        var watch = Stopwatch.StartNew();
        var ignored = ignore.IsIgnored(drift);
        watch.Stop();
        // Then
        ignored.ShouldBeFalse();
        watch.ElapsedMilliseconds.ShouldBeLessThan(500);
    }

    [Fact]
    public void IsIgnored_WhenAnyGlobAndText_ShouldAgreeWithTheRegexReading()
    {
        // Given: globs and texts over a small alphabet, so that matches and near-misses are both common
        var chars = Gen.Char["ab*-"];
        Gen.Select(chars.Array[0, 12], Gen.Char["ab-"].Array[0, 12]).Sample((globChars, textChars) =>
        {
            var glob = "g" + new string(globChars);
            var text = "g" + new string(textChars);
            var expected = Regex.IsMatch(text, "^" + string.Concat(glob.Select(c => c == '*' ? ".*" : Regex.Escape(c.ToString()))) + "$");
            // When / Then
            DriftIgnore.Parse(glob).IsIgnored(new DriftItem(DriftKind.UnmanagedGroup, text, null)).ShouldBe(expected, $"{glob} vs {text}");
        });
    }

    [Fact]
    public void Load_WhenFileIsLargerThanOneMebibyte_ShouldReportOneErrorWithFileAndLine()
    {
        // Given: 40,000 short lines then more
        var path = WriteBytes(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("sg-0123456789abcdef0:ingress:tcp:22:*\n", 40_000))));
        // When
        var ignore = DriftIgnore.Load(path);
        // Then
        var error = ignore.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe(path);
        error.Line.ShouldBeGreaterThan(1);
        error.Message.ShouldContain("larger than 1 MiB");
        ignore.Count.ShouldBe(0);
    }

    [Fact]
    public void Load_WhenAPatternIsLongerThanTheLimit_ShouldReportItsLine()
    {
        // Given
        var path = WriteBytes(Encoding.UTF8.GetBytes("sg-1\n" + new string('x', 200_000) + "\n"));
        // When
        var ignore = DriftIgnore.Load(path);
        // Then
        var error = ignore.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(2);
        error.Message.ShouldBe("pattern is 200000 characters long; the limit is 1024");
        ignore.IsIgnored(Ssh("sg-1")).ShouldBeTrue();
    }

    [Fact]
    public void Load_WhenFileIsBinary_ShouldReportOneErrorWithoutItsBytes()
    {
        // Given: an ELF header
        var path = WriteBytes([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x3A, 0x3A, 0x3A, 0x3A, 0x0A, 0xFF]);
        // When
        var ignore = DriftIgnore.Load(path);
        // Then
        var error = ignore.Errors.ShouldHaveSingleItem();
        error.Message.ShouldBe("binary file, not a text ignore file (one pattern a line)");
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public void Load_WhenFileIsUtf16WithByteOrderMark_ShouldReadItsPatterns(string encodingName)
    {
        // Given
        var encoding = Encoding.GetEncoding(encodingName);
        var path = WriteBytes([.. encoding.GetPreamble(), .. encoding.GetBytes("# generated\nsg-1\n")]);
        // When
        var ignore = DriftIgnore.Load(path);
        // Then
        ignore.Errors.ShouldBeEmpty();
        ignore.IsIgnored(Ssh("sg-1")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("garbage:::::::", "DIRECTION '' is not ingress or egress")]
    [InlineData("sg-1:inbound:tcp:22:0.0.0.0/0", "DIRECTION 'inbound' is not ingress or egress")]
    [InlineData("sg-1:ingress:6:22:0.0.0.0/0", "PROTOCOL '6' is written 'tcp' in rule texts")]
    [InlineData("sg-1:ingress:tcpx:22:0.0.0.0/0", "PROTOCOL 'tcpx' is not tcp, udp, icmp, icmpv6, all or a protocol number")]
    [InlineData("sg-1:ingress:tcp:70000:0.0.0.0/0", "PORTS '70000' is not all, *, a port or a range FROM-TO (0-65535)")]
    [InlineData("sg-1:ingress:tcp:25-20:0.0.0.0/0", "PORTS '25-20' is not all, *, a port or a range FROM-TO (0-65535)")]
    public void Parse_WhenRuleKeyCanNeverMatch_ShouldWarnNamingTheLine(string pattern, string problem)
    {
        // Given / When
        var ignore = DriftIgnore.Parse("sg-ok\n" + pattern + "\n");
        // Then
        ignore.Errors.ShouldBeEmpty();
        var warning = ignore.Warnings.ShouldHaveSingleItem();
        warning.Line.ShouldBe(2);
        warning.Message.ShouldBe($"pattern '{pattern}' never matches: {problem}");
    }

    [Theory]
    [InlineData("sg-1:ingress:tcp:22:0.0.0.0/0")]
    [InlineData("sg-1:*:*:*:*")]
    [InlineData("sg-1:egress:all:all:::/0")]
    [InlineData("sg-1:ingress:icmp:8--1:0.0.0.0/0")]
    [InlineData("sg-1:ingress:47:all:10.0.0.0/8")]
    public void Parse_WhenRuleKeyIsWellFormed_ShouldNotWarn(string pattern)
    {
        // Given / When
        var ignore = DriftIgnore.Parse(pattern);
        // Then
        ignore.Warnings.ShouldBeEmpty();
        ignore.Errors.ShouldBeEmpty();
    }
}
