using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Persistence;

namespace DriftGuard.Sandbox;

/// <summary>
/// The in-memory EC2 world a <see cref="SandboxServer"/> serves: VPCs, security groups, their atomic rules and
/// the log of mutating calls. Thread-safe: every read returns a snapshot, every change happens under one lock and
/// is written to <see cref="SandboxOptions.StateFile"/> when one is set. A fresh world holds the default VPC
/// (<c>172.31.0.0/16</c>) and its <c>default</c> group with EC2's default rules.
/// </summary>
public sealed partial class SandboxState
{
    private readonly Dictionary<string, SandboxVpc> _vpcs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxRule> _rules = new(StringComparer.Ordinal);
    private readonly List<SandboxCall> _calls = [];
    private readonly Dictionary<string, int> _requestCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxSession> _sessions = new(StringComparer.Ordinal);
    private readonly SandboxStateFile? _file;
    private long _sequence;

    internal SandboxState(SandboxOptions options)
    {
        Region = options.Region;
        AccountId = options.AccountId;
        Ids = new IdGenerator(options.IdSeed);
        _file = options.StateFile is { Length: > 0 } path ? new SandboxStateFile(path) : null;
        if (_file?.Load() is { } document) Restore(document);
        else
        {
            lock (Gate)
            {
                CreateVpcWithDefaultGroup("172.31.0.0/16", isDefault: true, tags: []);
                Persist();
            }
        }
    }

    /// <summary>Region of this world (used in ARNs).</summary>
    public string Region { get; }

    /// <summary>Account that owns every VPC and group.</summary>
    public string AccountId { get; }

    /// <summary>Id of the default VPC.</summary>
    public string DefaultVpcId
    {
        get { lock (Gate) return _vpcs.Values.First(v => v.IsDefault).VpcId; }
    }

    /// <summary>Snapshot of all VPCs in creation order.</summary>
    public IReadOnlyList<SandboxVpc> Vpcs
    {
        get { lock (Gate) return [.. _vpcs.Values.OrderBy(v => v.Sequence)]; }
    }

    /// <summary>Snapshot of all security groups in creation order.</summary>
    public IReadOnlyList<SandboxGroup> Groups
    {
        get { lock (Gate) return [.. _groups.Values.OrderBy(g => g.Sequence)]; }
    }

    /// <summary>Snapshot of all rules (both directions, all groups) in creation order.</summary>
    public IReadOnlyList<SandboxRule> Rules
    {
        get { lock (Gate) return [.. _rules.Values.OrderBy(r => r.Sequence)]; }
    }

    /// <summary>Snapshot of the mutating calls received so far (successful or not), oldest first.</summary>
    public IReadOnlyList<SandboxCall> Calls
    {
        get { lock (Gate) return [.. _calls]; }
    }

    /// <summary>Rules of one group in creation order (empty for an unknown group).</summary>
    public IReadOnlyList<SandboxRule> RulesOf(string groupId)
    {
        lock (Gate) return [.. _rules.Values.Where(r => r.GroupId == groupId).OrderBy(r => r.Sequence)];
    }

    /// <summary>How many requests (all attempts, failed or not) named this action, e.g. <c>DescribeSecurityGroupRules</c>.</summary>
    public int RequestCount(string action)
    {
        lock (Gate) return _requestCounts.GetValueOrDefault(action);
    }

    internal Lock Gate { get; } = new();
    internal IdGenerator Ids { get; }
    internal Dictionary<string, SandboxVpc> VpcTable => _vpcs;
    internal Dictionary<string, SandboxGroup> GroupTable => _groups;
    internal Dictionary<string, SandboxRule> RuleTable => _rules;

    internal long NextSequence() => ++_sequence;

    internal string GroupArn(string groupId) => $"arn:aws:ec2:{Region}:{AccountId}:security-group/{groupId}";
    internal string RuleArn(string ruleId) => $"arn:aws:ec2:{Region}:{AccountId}:security-group-rule/{ruleId}";

    internal void CountRequest(string action)
    {
        lock (Gate) _requestCounts[action] = _requestCounts.GetValueOrDefault(action) + 1;
    }

    /// <summary>Principal of a session key issued by AssumeRole, or null for any other key.</summary>
    internal string? SessionPrincipal(string accessKeyId)
    {
        lock (Gate) return _sessions.TryGetValue(accessKeyId, out var s) ? s.PrincipalArn : null;
    }

    internal void AddSession(SandboxSession session)
    {
        lock (Gate) _sessions[session.AccessKeyId] = session;
    }

    internal void Record(SandboxCall call)
    {
        lock (Gate)
        {
            _calls.Add(call);
            Persist();
        }
    }

    /// <summary>Creates a VPC and its default group (ingress: all from itself; egress: all to 0.0.0.0/0). Caller holds the lock.</summary>
    internal SandboxVpc CreateVpcWithDefaultGroup(string cidrBlock, bool isDefault, IReadOnlyList<SandboxTag> tags)
    {
        var vpc = new SandboxVpc(NewUniqueId("vpc"), cidrBlock, isDefault) { Tags = tags, Sequence = NextSequence() };
        _vpcs.Add(vpc.VpcId, vpc);
        var group = AddGroup("default", $"default VPC security group", vpc.VpcId, []);
        AddRule(new SandboxRule("", group.GroupId, false, "-1", -1, -1, SandboxSourceKind.SecurityGroup, group.GroupId)
        {
            ReferencedUserId = AccountId,
        });
        AddRule(new SandboxRule("", group.GroupId, true, "-1", -1, -1, SandboxSourceKind.CidrIpv4, "0.0.0.0/0"));
        return vpc;
    }

    /// <summary>Adds a group with EC2's default egress rule when <paramref name="defaultEgress"/>. Caller holds the lock.</summary>
    internal SandboxGroup AddGroup(string name, string description, string vpcId, IReadOnlyList<SandboxTag> tags, bool defaultEgress = false)
    {
        var group = new SandboxGroup(NewUniqueId("sg"), name, description, vpcId, AccountId) { Tags = tags, Sequence = NextSequence() };
        _groups.Add(group.GroupId, group);
        if (defaultEgress)
            AddRule(new SandboxRule("", group.GroupId, true, "-1", -1, -1, SandboxSourceKind.CidrIpv4, "0.0.0.0/0"));
        return group;
    }

    /// <summary>Stores a rule under a fresh <c>sgr-</c> id (the given id is ignored). Caller holds the lock.</summary>
    internal SandboxRule AddRule(SandboxRule rule)
    {
        var stored = rule with { RuleId = NewUniqueId("sgr"), Sequence = NextSequence() };
        _rules.Add(stored.RuleId, stored);
        return stored;
    }

    /// <summary>Writes the world to the state file, if any. Caller holds the lock.</summary>
    internal void Persist() => _file?.Save(ToDocument());

    private string NewUniqueId(string prefix)
    {
        while (true)
        {
            var id = Ids.Next(prefix);
            if (!_vpcs.ContainsKey(id) && !_groups.ContainsKey(id) && !_rules.ContainsKey(id)) return id;
        }
    }

    private SandboxStateDocument ToDocument() =>
        new(SandboxStateDocument.CurrentFormat, _sequence, [.. _vpcs.Values.OrderBy(v => v.Sequence)],
            [.. _groups.Values.OrderBy(g => g.Sequence)], [.. _rules.Values.OrderBy(r => r.Sequence)], [.. _calls])
        {
            Sessions = [.. _sessions.Values],
        };

    private void Restore(SandboxStateDocument document)
    {
        lock (Gate)
        {
            _sequence = document.Sequence;
            foreach (var vpc in document.Vpcs) _vpcs[vpc.VpcId] = vpc;
            foreach (var group in document.Groups) _groups[group.GroupId] = group;
            foreach (var rule in document.Rules) _rules[rule.RuleId] = rule;
            _calls.AddRange(document.Calls);
            foreach (var session in document.Sessions) _sessions[session.AccessKeyId] = session;
        }
    }
}
