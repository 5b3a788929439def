using System.Diagnostics;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Watch;

/// <summary>
/// Watch mode: reacts to change events (when an event source is given) and runs a full check every
/// <see cref="WatchOptions.PollInterval"/> (poll mode, or the event-mode backstop). For each event it re-reads only the
/// groups the event names, diffs them against the declared rules, reverts what the scope selects (retrying with
/// backoff), verifies by re-reading, records the incident, writes one JSON decision line, and deletes the message only
/// once all of that succeeded; otherwise the message is released for redelivery, never dropped.
/// </summary>
/// <remarks>
/// Duplicate and out-of-order events are harmless by construction: every decision starts from a fresh read of the live
/// groups, so a stale or repeated event finds nothing to do. Bad messages, read errors and API failures become log lines
/// and counters; only cancellation (SIGINT/SIGTERM, <see cref="WatchOptions.MaxRuntime"/>) ends the loop.
/// </remarks>
public sealed class WatchLoop
{
    private const string FullCheck = "full check";
    private const string IncidentRecord = "incident record";
    private readonly WatchOptions _options;
    private readonly IDeclaredSource _declared;
    private readonly ILiveGroupSource _live;
    private readonly IWatchActions _actions;
    private readonly IWatchEventSource? _events;
    private readonly WatchLog _log;
    private readonly TimeProvider _clock;
    private readonly DriftAnalyzer _analyzer = new();
    private readonly SeenEvents _seen = new();
    private readonly Dictionary<string, SecurityGroup> _liveCache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unresolved = new(StringComparer.Ordinal);
    private DeclaredSnapshot? _snapshot;

    /// <summary>A loop over the given sources; <paramref name="events"/> null means poll mode.</summary>
    public WatchLoop(WatchOptions options, IDeclaredSource declared, ILiveGroupSource live, IWatchActions actions,
                     IWatchEventSource? events, WatchLog log, TimeProvider? clock = null)
    {
        _options = options;
        _declared = declared;
        _live = live;
        _actions = actions;
        _events = events;
        _log = log;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Running totals (also written in every log line).</summary>
    public WatchCounters Counters { get; } = new();

    /// <summary>
    /// Runs until cancelled, <see cref="WatchOptions.MaxRuntime"/> or <see cref="WatchOptions.Once"/>. Returns
    /// <see cref="ExitCodes.Ok"/> after a clean stop, <see cref="ExitCodes.UsageError"/> when the declared state cannot be
    /// read at start, <see cref="ExitCodes.Incomplete"/> when a failure was still unresolved at stop.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (_options.MaxRuntime is { } max) cts.CancelAfter(max);
        var token = cts.Token;
        var mode = _events is null ? "poll" : "event";
        Write("start", "startup", d => d with
        {
            Scope = _options.Scope.Name(),
            Detail = $"{mode} mode; full check every {DurationText.Format(_options.PollInterval)}",
        });

        var first = _declared.Load(force: true);
        if (first.Snapshot is null)
        {
            Write("reload-failed", "startup", d => d with { Detail = Errors(first.Errors) });
            Write("stop", "startup", d => d with { Detail = "declared state could not be read" });
            return ExitCodes.UsageError;
        }
        _snapshot = first.Snapshot;

        try
        {
            await FullCheckAsync("startup", token).ConfigureAwait(false);
            if (_options.Once && _events is null) return Stop("once");
            var nextPoll = Now + _options.PollInterval;
            var nextFileCheck = Now + _options.FileCheckInterval;
            var nextForcedReload = _options.ReloadInterval is { } ri ? Now + ri : DateTimeOffset.MaxValue;
            var receiveFailures = 0;
            while (true)
            {
                token.ThrowIfCancellationRequested();
                if (Now >= nextFileCheck)
                {
                    var force = Now >= nextForcedReload;
                    Reload(force);
                    nextFileCheck = Now + _options.FileCheckInterval;
                    if (force) nextForcedReload = Now + _options.ReloadInterval!.Value;
                }
                if (Now >= nextPoll)
                {
                    await FullCheckAsync(_events is null ? "poll" : "backstop", token).ConfigureAwait(false);
                    nextPoll = Now + _options.PollInterval;
                }
                if (_events is null)
                {
                    var until = Min(nextPoll, Min(nextFileCheck, nextForcedReload)) - Now;
                    if (until > TimeSpan.Zero) await Task.Delay(until, _clock, token).ConfigureAwait(false);
                    continue;
                }

                var wait = Clamp(Min(nextPoll, nextForcedReload) - Now, TimeSpan.Zero, _options.ReceiveWait);
                IReadOnlyList<WatchMessage> messages;
                try
                {
                    messages = await _events.ReceiveAsync(wait, token).ConfigureAwait(false);
                    receiveFailures = 0;
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    Counters.AddFailure();
                    receiveFailures++;
                    var delay = _options.Backoff.Delay(receiveFailures);
                    Write("receive-failed", "event", d => d with { Attempt = receiveFailures, Detail = $"{OneLine(ex)}; retrying in {DurationText.Format(delay)}" });
                    await Task.Delay(delay, _clock, token).ConfigureAwait(false);
                    continue;
                }
                foreach (var message in messages) await HandleMessageAsync(message, token).ConfigureAwait(false);
                if (_options.Once && messages.Count > 0) return Stop("once");
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return Stop(ct.IsCancellationRequested ? "signal" : "max-runtime");
        }
    }

    private int Stop(string why)
    {
        var unresolved = _unresolved.Count;
        Write("stop", "shutdown", d => d with
        {
            Detail = unresolved == 0 ? $"stopped ({why})" : $"stopped ({why}) with {unresolved} unresolved failure(s): {string.Join(", ", _unresolved.Order(StringComparer.Ordinal))}",
        });
        return unresolved == 0 ? ExitCodes.Ok : ExitCodes.Incomplete;
    }

    private void Reload(bool force)
    {
        DeclaredLoad load;
        try
        {
            load = _declared.Load(force);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Write("reload-failed", "reload", d => d with { Detail = $"{OneLine(ex)}; keeping the previous declared state" });
            return;
        }
        if (load.Errors.Count > 0)
        {
            Counters.AddFailure();
            Write("reload-failed", "reload", d => d with { Detail = $"{Errors(load.Errors)}; keeping the previous declared state" });
            return;
        }
        if (load.Snapshot is null) return;
        _snapshot = load.Snapshot;
        Counters.AddReload();
        Write("reload", "reload", d => d with { Detail = $"declared state re-read: {load.Snapshot.Groups.Count} group(s) from {string.Join(", ", load.Snapshot.Inputs)}" });
    }

    private async Task HandleMessageAsync(WatchMessage message, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        Counters.AddEvent();
        var parsed = CloudTrailEventParser.Parse(message.Body);
        if (parsed.Event is not { } e)
        {
            Counters.AddMalformed();
            Write("malformed", "event", d => d with { MessageId = message.MessageId, Detail = $"{parsed.Error}; deleted (body: {Excerpt(message.Body)})" });
            await DeleteAsync(message, token).ConfigureAwait(false);
            return;
        }
        WatchDecision Base(WatchDecision d) => d with
        {
            MessageId = message.MessageId, EventId = e.EventId, EventName = e.EventName, EventTime = WatchIncidentLine.Iso(e.EventTime),
            Actor = e.Actor.Person, ActorArn = e.Actor.PrincipalArn, Role = e.Actor.Role, SourceIp = e.SourceIp, UserAgent = e.UserAgent,
            Groups = e.GroupIds.Count > 0 ? e.GroupIds : null,
        };
        if ((e.Source is not null && e.Source != WatchedEvents.Source) || !WatchedEvents.IsWatched(e.EventName))
        {
            Write("ignored", "event", d => Base(d) with { Detail = $"{e.Source ?? "cloudtrail"} {e.EventName} is not a watched security-group call; deleted" });
            await DeleteAsync(message, token).ConfigureAwait(false);
            return;
        }
        if (_seen.Contains(e.EventId))
        {
            Counters.AddDuplicate();
            Write("duplicate", "event", d => Base(d) with { Detail = "event already handled; deleted" });
            await DeleteAsync(message, token).ConfigureAwait(false);
            return;
        }
        if (e.ErrorCode is not null)
        {
            _seen.Add(e.EventId);
            Write("ignored", "event", d => Base(d) with { Detail = $"the call failed ({e.ErrorCode}) and changed nothing; deleted" });
            await DeleteAsync(message, token).ConfigureAwait(false);
            return;
        }

        bool handled;
        try
        {
            handled = await CheckAsync("event", e, e.GroupIds.Count > 0 ? e.GroupIds : null, started, Base, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            Counters.AddFailure();
            Write("error", "event", d => Base(d) with { Detail = OneLine(ex) });
            handled = false;
        }
        if (handled)
        {
            _seen.Add(e.EventId);
            await DeleteAsync(message, token).ConfigureAwait(false);
        }
        else await ReleaseAsync(message, token).ConfigureAwait(false);
    }

    private async Task FullCheckAsync(string trigger, CancellationToken token)
    {
        Counters.AddPoll();
        try
        {
            await CheckAsync(trigger, null, null, Stopwatch.GetTimestamp(), d => d, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            Counters.AddFailure();
            _unresolved.Add(FullCheck);
            Write("error", trigger, d => d with { Detail = OneLine(ex) });
        }
    }

    /// <summary>Read, diff, revert, verify, record. True when everything that had to happen did.</summary>
    private async Task<bool> CheckAsync(string trigger, WatchEvent? e, IReadOnlyList<string>? groupIds, long started,
                                        Func<WatchDecision, WatchDecision> decorate, CancellationToken token)
    {
        var snapshot = _snapshot!;
        var read = groupIds is null
            ? await _live.ReadAllAsync(token).ConfigureAwait(false)
            : await _live.ReadGroupsAsync(groupIds, token).ConfigureAwait(false);
        if (!read.Complete)
        {
            Counters.AddFailure();
            foreach (var id in groupIds ?? [FullCheck]) _unresolved.Add(id);
            Write("read-failed", trigger, d => decorate(d) with { Detail = $"{Errors(read.Alerts)}; nothing decided from a partial read" });
            return false;
        }
        if (groupIds is null) _unresolved.Remove(FullCheck);
        ApplyRead(read, full: groupIds is null);
        var (drift, open) = Analyze(snapshot, groupIds);
        if (groupIds is null && NothingFoundLive.Alert(snapshot.Groups, drift, "live", snapshot.Options, snapshot.Inputs) is { } nothingFound)
        {
            // Wrong account, region or endpoint: decide nothing, revert nothing, and say so until it changes.
            Counters.AddFailure();
            _unresolved.Add(FullCheck);
            Write("error", trigger, d => decorate(d) with { Detail = $"{nothingFound.File}: {nothingFound.Message}", HandledMs = Ms(started) });
            return false;
        }
        var scopeIds = groupIds ?? (IReadOnlyList<string>)[.. _liveCache.Keys];
        if (open.Count == 0)
        {
            if (groupIds is null) _reported.Clear();
            foreach (var id in scopeIds) _unresolved.Remove(id);
            Write("in-sync", trigger, d => decorate(d) with { Groups = groupIds, HandledMs = Ms(started) });
            return true;
        }
        Counters.AddDrifts(open.Count);
        var detectedAt = Now;
        var selected = WatchDriftSelector.Select(drift, open, _options.Scope, _options.Threshold);
        var actor = e?.Actor ?? WatchActor.Unknown;
        if (selected.Count == 0)
        {
            // Recorded before the decision line: whoever reads the log may rely on the incident being there.
            await RecordAsync(trigger, e, actor, open, detectedAt, null, null, [], [], token).ConfigureAwait(false);
            Write("drift", trigger, d => decorate(d) with
            {
                Groups = groupIds, Drifts = Texts(open), Scope = _options.Scope.Name(), HandledMs = Ms(started),
                Detail = _options.Scope == WatchScope.None ? "detected; --remediate none" : "detected; nothing in scope to revert",
            });
            return true;
        }

        // The rail remediate applies: an empty declared state (no groups, or no rules) would make every live rule "drift".
        var refusals = Remediation.EmptyDeclaredState.Refusals(snapshot.Groups, drift, [.. _liveCache.Values],
            [.. selected.Select(s => s.GroupId!).Distinct(StringComparer.Ordinal)]);
        if (refusals.Count > 0)
        {
            Counters.AddFailure();
            foreach (var id in selected.Select(s => s.GroupId!).Distinct(StringComparer.Ordinal)) _unresolved.Add(id);
            await RecordAsync(trigger, e, actor, open, detectedAt, null, null, [], [], token).ConfigureAwait(false);
            Write("refused", trigger, d => decorate(d) with
            {
                Groups = groupIds, Drifts = Texts(open), Scope = _options.Scope.Name(), HandledMs = Ms(started),
                Detail = $"{string.Join("; ", refusals)}; nothing reverted (check the declared state)",
            });
            return false;
        }

        if (selected.Count > _options.MaxChanges)
        {
            // Too much at once looks like a wrong declared state (another account, an old state file), not a console change.
            Counters.AddFailure();
            foreach (var id in selected.Select(s => s.GroupId!).Distinct(StringComparer.Ordinal)) _unresolved.Add(id);
            await RecordAsync(trigger, e, actor, open, detectedAt, null, null, [], [], token).ConfigureAwait(false);
            Write("refused", trigger, d => decorate(d) with
            {
                Groups = groupIds, Drifts = Texts(open), Scope = _options.Scope.Name(), HandledMs = Ms(started),
                Detail = $"{selected.Count} drifts to revert exceed --max-changes {_options.MaxChanges}; nothing reverted (check the declared state, or raise the limit)",
            });
            return false;
        }

        // Revert, retrying what failed with backoff; each attempt re-plans only the drifts still failing.
        double? processingMs = null;
        var applied = new List<DriftItem>();
        IReadOnlyList<WatchActionFailure> failed = [];
        var remaining = selected;
        for (var attempt = 1; attempt <= _options.MaxAttempts && remaining.Count > 0; attempt++)
        {
            processingMs ??= Ms(started);
            WatchRemediationResult result;
            try
            {
                result = await _actions.RemediateAsync(new WatchRemediationRequest(remaining, drift, snapshot.Groups, [.. _liveCache.Values],
                    _options.Scope, _options.Threshold), token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                result = new WatchRemediationResult([], [.. remaining.Select(r => new WatchActionFailure(r, OneLine(ex)))]);
            }
            applied.AddRange(result.Applied);
            failed = result.Failed;
            remaining = [.. failed.Select(f => f.Drift)];
            if (remaining.Count == 0 || attempt == _options.MaxAttempts) break;
            var delay = _options.Backoff.Delay(attempt);
            var n = attempt;
            Write("retry", trigger, d => decorate(d) with
            {
                Attempt = n, Failed = [.. failed.Select(f => $"{DriftText.Of(f.Drift)}: {f.Error}")],
                Detail = $"revert failed; attempt {n + 1} of {_options.MaxAttempts} in {DurationText.Format(delay)}",
            });
            await Task.Delay(delay, _clock, token).ConfigureAwait(false);
        }
        var remediatedAt = Now;

        // Verify: read the touched groups again; a reverted drift must be gone.
        var touched = selected.Select(s => s.GroupId!).Distinct(StringComparer.Ordinal).ToList();
        bool verified;
        var stillThere = new List<DriftItem>();
        var verify = await _live.ReadGroupsAsync(touched, token).ConfigureAwait(false);
        if (!verify.Complete) verified = false;
        else
        {
            ApplyRead(verify, full: false);
            var (_, after) = Analyze(_snapshot!, touched);
            var left = after.Select(a => a.Fingerprint).ToHashSet(StringComparer.Ordinal);
            stillThere.AddRange(applied.Where(a => left.Contains(a.Fingerprint)));
            verified = stillThere.Count == 0;
        }
        var verifiedAt = verified ? Now : (DateTimeOffset?)null;
        var reverted = applied.Where(a => !stillThere.Contains(a)).ToList();
        if (verified) Counters.AddRemediations(reverted.Count);

        var ok = failed.Count == 0 && verified;
        var decision = failed.Count > 0 ? "remediation-failed" : verified ? "remediated" : "unverified";
        if (!ok)
        {
            Counters.AddFailure();
            foreach (var id in touched) _unresolved.Add(id);
        }
        else foreach (var id in touched) _unresolved.Remove(id);
        await RecordAsync(trigger, e, actor, open, detectedAt, remediatedAt, verifiedAt, reverted, failed, token).ConfigureAwait(false);
        Write(decision, trigger, d => decorate(d) with
        {
            Groups = groupIds, Drifts = Texts(open), Remediated = Texts(applied), Scope = _options.Scope.Name(),
            Failed = failed.Count > 0 ? [.. failed.Select(f => $"{DriftText.Of(f.Drift)}: {f.Error}")] : null,
            Verified = verified, Attempt = _options.MaxAttempts > 1 && failed.Count > 0 ? _options.MaxAttempts : null,
            ProcessingMs = processingMs, HandledMs = Ms(started),
            Detail = failed.Count > 0 ? (e is null ? "will retry at the next check" : "message released for redelivery")
                   : verified ? null : $"re-read still shows {stillThere.Count} drift(s) or could not be read",
        });
        return ok;
    }

    private async Task RecordAsync(string trigger, WatchEvent? e, WatchActor actor, IReadOnlyList<DriftItem> open, DateTimeOffset detectedAt,
                                   DateTimeOffset? remediatedAt, DateTimeOffset? verifiedAt, IReadOnlyList<DriftItem> reverted,
                                   IReadOnlyList<WatchActionFailure> failed, CancellationToken token)
    {
        // A drift a poll keeps seeing under --remediate none is one incident, not one per poll.
        var fresh = open.Where(d => !_reported.Contains(d.Fingerprint)).ToList();
        if (e is null && fresh.Count == 0 && reverted.Count == 0 && failed.Count == 0) return;
        foreach (var d in open) _reported.Add(d.Fingerprint);
        foreach (var d in reverted) _reported.Remove(d.Fingerprint);
        var incident = new WatchIncident(e?.EventId ?? $"{trigger}-{detectedAt.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}", trigger, actor, open)
        {
            EventName = e?.EventName, EventId = e?.EventId, OccurredAt = e?.EventTime, DetectedAt = detectedAt,
            RemediatedAt = remediatedAt, VerifiedAt = verifiedAt, Remediated = reverted, Failed = failed, Scope = _options.Scope,
            SourceIp = e?.SourceIp, UserAgent = e?.UserAgent, Region = e?.Region ?? open[0].Region, Account = e?.Account ?? open[0].Account,
        };
        try
        {
            await _actions.RecordIncidentAsync(incident, token).ConfigureAwait(false);
            _unresolved.Remove(IncidentRecord);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            // A ledger that cannot be written leaves the run incomplete (exit 3 at stop) until a later record succeeds.
            Counters.AddFailure();
            _unresolved.Add(IncidentRecord);
            Write("error", trigger, d => d with { EventId = e?.EventId, Detail = $"incident not recorded: {OneLine(ex)}" });
        }
    }

    private (DriftResult Drift, IReadOnlyList<DriftItem> Open) Analyze(DeclaredSnapshot snapshot, IReadOnlyList<string>? groupIds)
    {
        // Diff against the whole cached live picture (the event's groups freshly read), so references to other groups
        // resolve and other declared groups do not look missing; then keep the drifts of the groups in question.
        var drift = _analyzer.Analyze(snapshot.Groups, [.. _liveCache.Values], snapshot.Options);
        var ids = groupIds?.ToHashSet(StringComparer.Ordinal);
        var open = drift.Open.Where(d => ids is null || (d.GroupId is not null && ids.Contains(d.GroupId))).ToList();
        return (drift, open);
    }

    private void ApplyRead(LiveGroupRead read, bool full)
    {
        if (full) _liveCache.Clear();
        foreach (var g in read.Groups) _liveCache[g.GroupId ?? g.Key] = g;
        foreach (var id in read.NotFound) _liveCache.Remove(id);
    }

    private async Task DeleteAsync(WatchMessage message, CancellationToken token)
    {
        try
        {
            await _events!.DeleteAsync(message, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            // Redelivery of a handled message is harmless: it re-reads, finds nothing, and is deleted then.
            Counters.AddFailure();
            Write("error", "event", d => d with { MessageId = message.MessageId, Detail = $"delete failed: {OneLine(ex)}" });
        }
    }

    private async Task ReleaseAsync(WatchMessage message, CancellationToken token)
    {
        var delay = _options.Backoff.Delay(message.ReceiveCount);
        try
        {
            await _events!.ReleaseAsync(message, delay, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            // The visibility timeout brings it back anyway.
            Write("error", "event", d => d with { MessageId = message.MessageId, Detail = $"release failed: {OneLine(ex)}" });
        }
    }

    private void Write(string decision, string trigger, Func<WatchDecision, WatchDecision> fill)
    {
        var line = fill(new WatchDecision(WatchIncidentLine.Iso(Now)!, decision, trigger)) with { Counters = Counters.Snapshot() };
        _log.Write(line);
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    private static IReadOnlyList<string> Texts(IEnumerable<DriftItem> drifts) => [.. drifts.Select(DriftText.Of)];

    private static double Ms(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);

    private static string Errors(IReadOnlyList<Diagnostic> errors) =>
        errors.Count == 0 ? "unknown error" : string.Join("; ", errors.Take(5).Select(x => x.Line > 0 ? $"{x.File}:{x.Line}: {x.Message}" : $"{x.File}: {x.Message}")) + (errors.Count > 5 ? $" (+{errors.Count - 5} more)" : "");

    private static string OneLine(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        var nl = text.IndexOfAny(['\r', '\n']);
        return nl < 0 ? text : text[..nl];
    }

    private static string Excerpt(string body)
    {
        var flat = body.ReplaceLineEndings(" ");
        return flat.Length <= 200 ? flat : flat[..200] + "…";
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Clamp(TimeSpan v, TimeSpan lo, TimeSpan hi) => v < lo ? lo : v > hi ? hi : v;
}
