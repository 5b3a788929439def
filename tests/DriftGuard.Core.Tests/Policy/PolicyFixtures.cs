using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;

namespace DriftGuard.Core.Tests.Policy;

/// <summary>
/// Builds fixture groups in code. Each group's key (and its rules' resource) is the fixture name, which states the
/// expected outcome for the policy under test: <c>fail_*</c> must fail it, <c>pass_*</c> and <c>unknown_*</c> must not.
/// </summary>
internal static class Fx
{
    public const string File = "fixtures/main.tf";
    public static readonly DateOnly Today = new(2026, 6, 15);

    /// <summary>A rule shape without its group; <see cref="Sg"/> attaches it.</summary>
    public static SgRule Tcp(int from, int to, string source) => Rule(Protocols.Tcp, from, to, source);
    public static SgRule Tcp(int port, string source) => Tcp(port, port, source);
    public static SgRule Udp(int port, string source) => Rule(Protocols.Udp, port, port, source);
    public static SgRule All(string source) => Rule(Protocols.All, null, null, source);
    public static SgRule Icmp(int type, int code, string source) => Rule(Protocols.Icmp, type, code, source);
    public static SgRule Proto(string number, string source) => Rule(number, null, null, source);

    public static SgRule Rule(string protocol, int? from, int? to, string source, Direction direction = Direction.Ingress) =>
        new("", direction, protocol, from, to, Source(source));

    public static SgRule Egress(this SgRule rule) => rule with { Direction = Direction.Egress };

    /// <summary>
    /// <c>self</c>, <c>sg-…</c>, <c>pl-…</c>, <c>unknown:KIND</c> (an after-apply value), or a CIDR.
    /// </summary>
    public static RuleSource Source(string text) => text switch
    {
        "self" => new GroupRef(GroupRef.Self),
        _ when text.StartsWith("sg-", StringComparison.Ordinal) => new GroupRef(text),
        _ when text.StartsWith("pl-", StringComparison.Ordinal) => new PrefixList(text),
        _ when text.StartsWith("unknown:", StringComparison.Ordinal) => new UnknownSource(text[8..], $"var.{text[8..]}_peer"),
        _ => Cidr.Parse(text),
    };

    private static int _line = 10;

    /// <summary>A group named <paramref name="name"/> holding <paramref name="rules"/>, each located at its own line.</summary>
    public static SecurityGroup Sg(string name, params SgRule[] rules) => new(name)
    {
        Origin = new SourceLocation(File, Interlocked.Add(ref _line, 10), name),
        Rules = [.. rules.Select(r => r with { Group = name, Origin = new SourceLocation(File, Interlocked.Increment(ref _line), name) })],
    };

    public static SecurityGroup DefaultSg(string name, params SgRule[] rules) =>
        Sg(name, rules) with { IsDefault = true, ResourceType = "aws_default_security_group" };

    /// <summary>Runs the whole engine and splits the fixture names by whether <paramref name="policyId"/> found anything.</summary>
    public static (string[] Failed, string[] Passed) Run(string policyId, IEnumerable<SecurityGroup> fixtures, PolicyConfig? config = null)
    {
        var groups = fixtures.ToList();
        var findings = new PolicyEngine(config ?? PolicyConfig.Default, Today).Evaluate(groups).Findings;
        var failed = findings.Where(f => f.PolicyId == policyId).Select(f => f.Group.Key).Distinct().Order().ToArray();
        var passed = groups.Select(g => g.Key).Except(failed).Order().ToArray();
        return (failed, passed);
    }

    public static string[] Names(IEnumerable<SecurityGroup> groups, string prefix) =>
        [.. groups.Select(g => g.Key).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order()];
}
