using DriftGuard.Core.Declared;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Drift;

/// <summary>
/// Builds declared groups the way the declared readers do (raw rules through <see cref="AtomicRuleFactory"/>),
/// so drift tests don't depend on readers written in parallel.
/// </summary>
internal static class Declare
{
    public const string Cfn = "AWS::EC2::SecurityGroup";

    public static SgRule[] Rule(string group, Direction direction, string protocol, string? from, string? to, string resource,
                                string[]? cidr = null, string[]? v6 = null, string[]? pl = null, string[]? sg = null,
                                bool self = false, string? desc = null, string file = "declared", bool portsUnknown = false,
                                string[]? unknownSources = null)
    {
        var raw = new RawRule
        {
            Group = group,
            Direction = direction,
            Protocol = RawValue.Of(protocol),
            FromPort = portsUnknown ? RawValue.Unknown("var.port") : from is null ? RawValue.Missing : RawValue.Of(from),
            ToPort = portsUnknown ? RawValue.Unknown("var.port") : to is null ? RawValue.Missing : RawValue.Of(to),
            Cidrs = (cidr ?? []).Select(RawValue.Of).ToList(),
            Ipv6Cidrs = (v6 ?? []).Select(RawValue.Of).ToList(),
            PrefixLists = (pl ?? []).Select(RawValue.Of).ToList(),
            Groups = (sg ?? []).Select(RawValue.Of).ToList(),
            Self = self,
            Description = desc,
            Origin = new SourceLocation(file, 1, resource),
            UnknownSourceKinds = unknownSources ?? [],
        };
        var expansion = AtomicRuleFactory.Expand(raw);
        expansion.Errors.ShouldBeEmpty();
        return [.. expansion.Rules];
    }

    public static SgRule[] In(string group, string protocol, string? from, string? to, string resource, string[]? cidr = null,
                              string[]? v6 = null, string[]? pl = null, string[]? sg = null, bool self = false, string? desc = null) =>
        Rule(group, Direction.Ingress, protocol, from, to, resource, cidr, v6, pl, sg, self, desc);

    public static SgRule[] Out(string group, string protocol, string? from, string? to, string resource, string[]? cidr = null,
                               string[]? v6 = null, string[]? pl = null, string[]? sg = null, bool self = false, string? desc = null) =>
        Rule(group, Direction.Egress, protocol, from, to, resource, cidr, v6, pl, sg, self, desc);

    /// <summary>A Terraform <c>aws_security_group</c> (or a placeholder keyed by the <c>sg-</c> id standalone rules target).</summary>
    public static SecurityGroup Tf(string address, string? id, string? name, string? vpc, params SgRule[][] rules) =>
        new(address)
        {
            GroupId = id, Name = name, VpcId = vpc, ResourceType = "aws_security_group",
            Origin = new SourceLocation("declared", 1, address), Rules = [.. rules.SelectMany(r => r)],
        };

    /// <summary>A CloudFormation <c>AWS::EC2::SecurityGroup</c> keyed by logical id.</summary>
    public static SecurityGroup CfnGroup(string logicalId, string? vpc, string description, bool egressDeclared, params SgRule[][] rules) =>
        new(logicalId)
        {
            VpcId = vpc, Description = description, ResourceType = Cfn, EgressDeclared = egressDeclared,
            Origin = new SourceLocation("declared.yaml", 1, logicalId), Rules = [.. rules.SelectMany(r => r)],
        };

    /// <summary>A live group built directly (for unit tests).</summary>
    public static SecurityGroup LiveSg(string id, string? vpc, params SgRule[] rules) =>
        new(id) { GroupId = id, VpcId = vpc, ResourceType = "live", OwnerId = "111122223333", Region = "us-east-1", Rules = rules, Name = id };

    /// <summary>A canonical rule (already in live terms).</summary>
    public static SgRule Tcp(string group, int port, string source, Direction direction = Direction.Ingress, string? desc = null) =>
        new(group, direction, "tcp", port, port, Source(source)) { Description = desc };

    public static SgRule All(string group, string source, Direction direction) => new(group, direction, "all", null, null, Source(source));

    public static RuleSource Source(string s) =>
        s.StartsWith("sg-", StringComparison.Ordinal) || s == "self" ? new GroupRef(s)
        : s.StartsWith("pl-", StringComparison.Ordinal) ? new PrefixList(s)
        : s.Contains('/') ? Cidr.Parse(s) : new GroupRef(s);
}
