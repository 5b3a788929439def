using DriftGuard.Sandbox.Ec2;
using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox;

/// <summary>Seed helpers: build a world fast, in memory, without HTTP (tests, benchmarks, demos).</summary>
public sealed partial class SandboxState
{
    /// <summary>
    /// Creates a non-default VPC with its <c>default</c> group (and that group's default rules); returns the VPC id.
    /// Throws <see cref="ArgumentException"/> for a malformed CIDR block.
    /// </summary>
    public string SeedVpc(string cidrBlock, IEnumerable<SandboxTag>? tags = null)
    {
        var cidr = Canonical(() => RuleCanonicalizer.Ipv4Cidr(cidrBlock));
        lock (Gate)
        {
            var vpc = CreateVpcWithDefaultGroup(cidr, isDefault: false, [.. tags ?? []]);
            Persist();
            return vpc.VpcId;
        }
    }

    /// <summary>
    /// Creates a security group (in the default VPC when <paramref name="vpcId"/> is null) with EC2's default
    /// egress rule unless <paramref name="withDefaultEgress"/> is false; returns the group id. Tags may use the
    /// reserved <c>aws:</c> prefix here (e.g. CloudFormation's <c>aws:cloudformation:stack-name</c>).
    /// Throws <see cref="ArgumentException"/> for an unknown VPC or a name already taken in it.
    /// </summary>
    public string SeedGroup(string groupName, string description = "seeded by DriftGuard.Sandbox", string? vpcId = null,
        IEnumerable<SandboxTag>? tags = null, bool withDefaultEgress = true)
    {
        lock (Gate)
        {
            var vpc = vpcId ?? DefaultVpcId;
            if (!_vpcs.ContainsKey(vpc)) throw new ArgumentException($"unknown VPC {vpc}", nameof(vpcId));
            if (_groups.Values.Any(g => g.VpcId == vpc && g.GroupName == groupName))
                throw new ArgumentException($"group '{groupName}' already exists in {vpc}", nameof(groupName));
            var group = AddGroup(groupName, description, vpc, [.. tags ?? []], withDefaultEgress);
            Persist();
            return group.GroupId;
        }
    }

    /// <summary>
    /// Adds rules to a group, canonicalised as EC2 would (protocol names, ports, CIDR host bits) but without the
    /// per-group quota, so large worlds can be built; returns the new <c>sgr-</c> ids in order. Throws
    /// <see cref="ArgumentException"/> for an unknown group, an invalid rule or a duplicate.
    /// </summary>
    public IReadOnlyList<string> SeedRules(string groupId, IEnumerable<SandboxRuleSpec> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (Gate)
        {
            if (!_groups.TryGetValue(groupId, out var group)) throw new ArgumentException($"unknown group {groupId}", nameof(groupId));
            var keys = _rules.Values.Where(r => r.GroupId == groupId).Select(r => r.Key).ToHashSet();
            var canonical = rules.Select(spec => Canonical(() => ToRule(group, spec))).ToList();
            foreach (var rule in canonical)
                if (!keys.Add(rule.Key)) throw new ArgumentException($"duplicate rule {RuleSetRules.Describe(rule)}", nameof(rules));
            var ids = canonical.Select(r => AddRule(r).RuleId).ToList();
            Persist();
            return ids;
        }
    }

    /// <summary>Adds one rule; see <see cref="SeedRules"/>.</summary>
    public string SeedRule(string groupId, SandboxRuleSpec rule) => SeedRules(groupId, [rule])[0];

    private SandboxRule ToRule(SandboxGroup group, SandboxRuleSpec spec)
    {
        var protocol = RuleCanonicalizer.Protocol(spec.IpProtocol);
        var (from, to) = RuleCanonicalizer.Ports(protocol, spec.FromPort, spec.ToPort);
        var source = spec.SourceKind switch
        {
            SandboxSourceKind.CidrIpv4 => RuleCanonicalizer.Ipv4Cidr(spec.Source),
            SandboxSourceKind.CidrIpv6 => RuleCanonicalizer.Ipv6Cidr(spec.Source),
            SandboxSourceKind.PrefixList => RuleCanonicalizer.PrefixListId(spec.Source),
            _ => RuleCanonicalizer.GroupId(spec.Source),
        };
        return new SandboxRule("", group.GroupId, spec.IsEgress, protocol, from, to, spec.SourceKind, source)
        {
            Description = RuleCanonicalizer.Description(spec.Description),
            ReferencedUserId = spec.SourceKind == SandboxSourceKind.SecurityGroup ? AccountId : null,
        };
    }

    private static T Canonical<T>(Func<T> canonicalise)
    {
        try
        {
            return canonicalise();
        }
        catch (SandboxFault fault)
        {
            throw new ArgumentException($"{fault.Code}: {fault.Message}", fault);
        }
    }
}
