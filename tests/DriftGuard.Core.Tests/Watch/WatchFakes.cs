using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;
using DriftGuard.Core.Tests.Drift;
using DriftGuard.Core.Watch;

namespace DriftGuard.Core.Tests.Watch;

/// <summary>An in-memory world for the watch loop: one declared group sg-1 (https from 10/8), its live copy, a queue and actions.</summary>
internal sealed class WatchFakes : IDeclaredSource, ILiveGroupSource, IWatchEventSource, IWatchActions
{
    public const string Group = "sg-1";
    private readonly Lock _gate = new();
    private readonly Queue<(WatchMessage Message, Action? OnReceive)> _queue = new();

    public Dictionary<string, List<SgRule>> Live { get; } = new()
    {
        [Group] = [Declare.Tcp(Group, 443, "10.0.0.0/8") with { RuleId = "sgr-https" }],
    };

    public List<SecurityGroup> Declared { get; set; } =
        [Declare.Tf("aws_security_group.app", Group, "app", "vpc-1", Declare.In("aws_security_group.app", "tcp", "443", "443", "aws_security_group.app", cidr: ["10.0.0.0/8"]))];

    public bool DeclaredChanged { get; set; }
    public int FailRemediations { get; set; }
    public bool FailReads { get; set; }
    public List<string> Deleted { get; } = [];
    public List<(string Id, TimeSpan Delay)> Released { get; } = [];
    public List<IReadOnlyList<DriftItem>> RemediationCalls { get; } = [];
    public List<WatchIncident> Incidents { get; } = [];
    public List<WatchDecision> Decisions { get; } = [];
    public int Loads { get; private set; }

    public WatchLog Log()
    {
        var log = new WatchLog(TextWriter.Null);
        log.Subscribe(d => { lock (_gate) Decisions.Add(d); });
        return log;
    }

    public WatchLoop Loop(WatchScope scope, bool events = true, bool once = true, int maxChanges = 50, IWatchActions? actions = null) => new(new WatchOptions
    {
        Scope = scope,
        MaxChanges = maxChanges,
        Once = once,
        MaxRuntime = TimeSpan.FromSeconds(20),
        Backoff = new RetryBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)),
        FileCheckInterval = TimeSpan.FromMilliseconds(10),
        ReceiveWait = TimeSpan.FromMilliseconds(50),
    }, this, this, actions ?? this, events ? this : null, Log());

    public void OpenSsh() => Live[Group].Add(Declare.Tcp(Group, 22, "0.0.0.0/0") with { RuleId = "sgr-ssh" });

    /// <summary>Queues a message; <paramref name="change"/> happens just before it is received (the change the event reports, after startup).</summary>
    public void Enqueue(string body, string id = "m-1", Action? change = null) { lock (_gate) _queue.Enqueue((new WatchMessage(id, body, $"rh-{id}", 1), change)); }

    public static string EventBody(string eventId = "e-1", string group = Group) => $$$"""
        {"version":"0","id":"x","detail-type":"AWS API Call via CloudTrail","source":"aws.ec2","account":"111122223333","time":"2026-03-02T10:15:30Z","region":"us-east-1",
         "detail":{"eventName":"AuthorizeSecurityGroupIngress","eventID":"{{{eventId}}}","eventTime":"2026-03-02T10:15:29Z","awsRegion":"us-east-1",
                   "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/Admin/alice"},
                   "requestParameters":{"groupId":"{{{group}}}"} } }
        """;

    public DeclaredLoad Load(bool force)
    {
        if (!force && !DeclaredChanged) return new DeclaredLoad(null, []);
        DeclaredChanged = false;
        Loads++;
        var engine = new PolicyEngine(PolicyConfig.Default, new DateOnly(2026, 3, 2));
        return new DeclaredLoad(new DeclaredSnapshot(Declared, new DriftOptions { EvaluateRule = engine.EvaluateRule }, ["main.tf"]), []);
    }

    public Task<LiveGroupRead> ReadAllAsync(CancellationToken ct) => ReadGroupsAsync([.. Live.Keys], ct);

    public Task<LiveGroupRead> ReadGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct)
    {
        if (FailReads) return Task.FromResult(new LiveGroupRead([], [new Diagnostic("aws:us-east-1", 0, "RequestLimitExceeded")], false));
        var found = groupIds.Where(Live.ContainsKey).Select(id => Declare.LiveSg(id, "vpc-1", [.. Live[id]])).ToList();
        return Task.FromResult(new LiveGroupRead(found, [], true) { NotFound = [.. groupIds.Where(id => !Live.ContainsKey(id))] });
    }

    public async Task<IReadOnlyList<WatchMessage>> ReceiveAsync(TimeSpan maxWait, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_queue.Count > 0)
            {
                var (message, change) = _queue.Dequeue();
                change?.Invoke();
                return [message];
            }
        }
        await Task.Delay(maxWait, ct);
        return [];
    }

    public Task DeleteAsync(WatchMessage message, CancellationToken ct) { Deleted.Add(message.MessageId); return Task.CompletedTask; }

    public Task ReleaseAsync(WatchMessage message, TimeSpan delay, CancellationToken ct) { Released.Add((message.MessageId, delay)); return Task.CompletedTask; }

    public Task<WatchRemediationResult> RemediateAsync(WatchRemediationRequest request, CancellationToken ct)
    {
        RemediationCalls.Add(request.Selected);
        if (FailRemediations-- > 0)
            return Task.FromResult(new WatchRemediationResult([], [.. request.Selected.Select(d => new WatchActionFailure(d, "RequestLimitExceeded: Request limit exceeded."))]));
        foreach (var d in request.Selected)
        {
            if (d.Kind == DriftKind.Unmanaged) Live[d.GroupId!].RemoveAll(r => r.RuleId == d.Rule!.RuleId);
            if (d.Kind == DriftKind.Missing) Live[d.GroupId!].Add(d.Rule! with { Group = d.GroupId! });
        }
        return Task.FromResult(new WatchRemediationResult(request.Selected, []));
    }

    public Task RecordIncidentAsync(WatchIncident incident, CancellationToken ct) { Incidents.Add(incident); return Task.CompletedTask; }
}
