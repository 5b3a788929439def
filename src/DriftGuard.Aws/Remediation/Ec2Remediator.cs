using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using DriftGuard.Aws.Live;
using DriftGuard.Aws.Permissions;
using DriftGuard.Core.Model;
using DriftGuard.Core.Remediation;
using CoreGroup = DriftGuard.Core.Model.SecurityGroup;

namespace DriftGuard.Aws.Remediation;

/// <summary>
/// Executes a <see cref="RemediationPlan"/> with AWSSDK.EC2, group by group: DryRun calls first (one per action kind and
/// direction) to prove permission; authorize missing rules (one call per direction); revoke unmanaged rules by
/// <c>SecurityGroupRuleIds</c> (one call per direction); set descriptions with <c>SecurityGroupRuleDescriptions</c>;
/// then re-read the group (<c>DescribeSecurityGroupRules</c>, filter <c>group-id</c>) with bounded back-off until every
/// change shows. The caller is named once with STS <c>GetCallerIdentity</c> (<c>unknown</c> if that fails).
/// </summary>
/// <remarks>
/// <para>A batch refused with <c>InvalidPermission.Duplicate</c>, <c>InvalidPermission.NotFound</c> or
/// <c>InvalidSecurityGroupRuleId.NotFound</c> applied nothing (EC2 calls are all-or-nothing): the group is re-read and
/// only what still differs is retried; a rule already as declared counts as done. An authorize refused with
/// <c>RulesPerSecurityGroupLimitExceeded</c> makes the group revoke first, then authorize, and the outcome says so. Any
/// other failure stops further changes to that group; the other groups go on, and the next run finishes the job.</para>
/// <para>APIs: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UpdateSecurityGroupRuleDescriptionsIngress.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroupRules.html,
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html; errors:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html.</para>
/// </remarks>
public sealed class Ec2Remediator : IRemediationExecutor
{
    private const int MaxBatchAttempts = 3;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private readonly Ec2RemediatorOptions _options;
    private readonly Func<string, IAmazonEC2> _ec2;
    private readonly Func<IAmazonSecurityTokenService> _sts;

    /// <summary>A remediator using real SDK clients built from <paramref name="options"/>.</summary>
    public Ec2Remediator(Ec2RemediatorOptions options) : this(options, null, null) { }

    /// <summary>A remediator with injected client factories (tests wrap the real clients to inject failures).</summary>
    internal Ec2Remediator(Ec2RemediatorOptions options, Func<string, IAmazonEC2>? ec2, Func<IAmazonSecurityTokenService>? sts)
    {
        _options = options;
        _ec2 = ec2 ?? NewEc2;
        _sts = sts ?? NewSts;
    }

    /// <inheritdoc />
    public async Task<RemediationRun> ExecuteAsync(RemediationPlan plan, CancellationToken ct)
    {
        // Cancelled before anything changed: nothing to audit, the caller's cancellation stands.
        var (principal, callerAccount) = await WhoAmIAsync(ct).ConfigureAwait(false);
        var audit = new List<AuditRecord>();
        var outcomes = new List<GroupOutcome>();
        var clients = new Dictionary<string, IAmazonEC2>(StringComparer.Ordinal);
        var cancelled = false;
        try
        {
            foreach (var group in plan.Groups)
            {
                if (ct.IsCancellationRequested)
                {
                    // A safe point: the groups not started are reported as not done, never silently dropped.
                    cancelled = true;
                    outcomes.Add(GroupRun.NotStarted(group));
                    continue;
                }
                var region = group.Region ?? _options.DefaultRegion;
                if (!clients.TryGetValue(region, out var ec2)) clients[region] = ec2 = _ec2(region);
                var run = new GroupRun(this, ec2, group, region, group.Account ?? callerAccount ?? "unknown", principal, audit);
                var outcome = await run.ExecuteAsync(ct).ConfigureAwait(false);
                cancelled |= run.Cancelled;
                outcomes.Add(outcome);
            }
        }
        finally
        {
            foreach (var c in clients.Values) c.Dispose();
        }
        return new RemediationRun(principal, outcomes, audit) { Cancelled = cancelled };
    }

    /// <summary>Reads one group's rules (every page, filter <c>group-id</c>) as a canonical live group.</summary>
    internal static async Task<CoreGroup> ReadGroupAsync(IAmazonEC2 ec2, string groupId, string region, CancellationToken ct)
    {
        var rules = new List<SecurityGroupRule>();
        var request = new DescribeSecurityGroupRulesRequest { Filters = [new Filter("group-id", [groupId])], MaxResults = 1000 };
        await foreach (var page in ec2.Paginators.DescribeSecurityGroupRules(request).Responses.WithCancellation(ct).ConfigureAwait(false))
            rules.AddRange(page.SecurityGroupRules ?? []);
        var (groups, _) = Ec2SecurityGroupMapper.ToCanonical([new Amazon.EC2.Model.SecurityGroup { GroupId = groupId }], rules, region);
        return groups[0];
    }

    private async Task<(string Principal, string? Account)> WhoAmIAsync(CancellationToken ct)
    {
        try
        {
            using var sts = _sts();
            var me = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct).ConfigureAwait(false);
            return (string.IsNullOrEmpty(me.Arn) ? "unknown" : me.Arn, me.Account);
        }
        catch (Exception ex) when (IsAwsFailure(ex, ct))
        {
            return ("unknown", null);
        }
    }

    private IAmazonEC2 NewEc2(string region)
    {
        var config = new AmazonEC2Config { RetryMode = _options.RetryMode };
        if (_options.EndpointUrl is null) config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        else
        {
            config.ServiceURL = _options.EndpointUrl;
            config.AuthenticationRegion = region;
        }
        return _options.Credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(_options.Credentials, config);
    }

    private IAmazonSecurityTokenService NewSts() =>
        Sts.StsClients.Create(_options.EndpointUrl, _options.DefaultRegion, _options.Credentials, c => c.RetryMode = _options.RetryMode);

    private const string CancelledError = "cancelled: stopped before the next change";

    /// <summary>Errors that end a call, not the run: service errors, no credentials, the network. Never cancellation.</summary>
    internal static bool IsAwsFailure(Exception ex, CancellationToken ct) =>
        !(ex is OperationCanceledException && ct.IsCancellationRequested) &&
        ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException or OperationCanceledException;

    /// <summary>The remediation of one group: mutable state of one pass through its steps.</summary>
    private sealed class GroupRun(Ec2Remediator owner, IAmazonEC2 ec2, GroupRemediation group, string region, string account,
                                  string principal, List<AuditRecord> audit)
    {
        private readonly List<RemediationStep> _done = [];
        private readonly List<string> _notes = [];
        private DateTimeOffset? _firstChange;

        private enum BatchResult { Ok, QuotaExceeded, Failed }

        /// <summary>True when cancellation stopped this group at a safe point.</summary>
        public bool Cancelled { get; private set; }

        /// <summary>
        /// Runs the group; on cancellation stops at the next safe point (before a write, or in a read, a DryRun or the
        /// verification wait) and returns what was done, so every applied call keeps its audit record.
        /// </summary>
        public async Task<GroupOutcome> ExecuteAsync(CancellationToken ct)
        {
            try
            {
                return await ExecuteStepsAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Cancelled = true;
                return Failed(CancelledError, Left()) with
                {
                    Remaining = [.. Left().Select(s => $"{s}: not done"), .. _done.Count > 0 ? ["not verified: cancelled"] : Array.Empty<string>()],
                };
            }
        }

        /// <summary>The outcome of a group the run never reached because it was cancelled.</summary>
        public static GroupOutcome NotStarted(GroupRemediation group) => new(group.GroupId, GroupStatus.Failed)
        {
            Remaining = [.. group.Steps.Select(s => $"{s}: not done")],
            Error = CancelledError,
        };

        private async Task<GroupOutcome> ExecuteStepsAsync(CancellationToken ct)
        {
            // 1. Prove permission for every call this group needs before changing anything.
            foreach (var batch in Batches(group.Steps))
            {
                var denied = await DryRunAsync(batch, ct).ConfigureAwait(false);
                if (denied is not null) return Failed(denied, group.Steps);
            }

            // 2. Authorize first, so a changed rule never leaves a gap; revoke first only if the quota forces it.
            var revokedFirst = false;
            foreach (var direction in (Direction[])[Direction.Ingress, Direction.Egress])
            {
                var authorize = group.Of(RemediationActionKind.Authorize).Where(s => s.Direction == direction).ToList();
                if (authorize.Count == 0) continue;
                var (result, error) = await ApplyAsync(authorize, ct).ConfigureAwait(false);
                if (result == BatchResult.QuotaExceeded && !revokedFirst && group.Of(RemediationActionKind.Revoke).Any())
                {
                    _notes.Add("revoked before authorizing: authorizing first would exceed the rules-per-group quota (RulesPerSecurityGroupLimitExceeded)");
                    revokedFirst = true;
                    var revokeError = await RevokeAllAsync(ct).ConfigureAwait(false);
                    if (revokeError is not null) return Failed(revokeError, Left());
                    (result, error) = await ApplyAsync(authorize, ct).ConfigureAwait(false);
                }
                if (result != BatchResult.Ok) return Failed(error ?? "RulesPerSecurityGroupLimitExceeded", Left());
            }
            if (!revokedFirst)
            {
                var revokeError = await RevokeAllAsync(ct).ConfigureAwait(false);
                if (revokeError is not null) return Failed(revokeError, Left());
            }
            foreach (var batch in Batches(group.Of(RemediationActionKind.UpdateDescription)))
            {
                var (result, error) = await ApplyAsync(batch, ct).ConfigureAwait(false);
                if (result != BatchResult.Ok) return Failed(error!, Left());
            }

            // 3. Verify: re-read until every change shows, with bounded back-off (EC2 is eventually consistent).
            return await VerifyAsync(ct).ConfigureAwait(false);
        }

        private async Task<string?> RevokeAllAsync(CancellationToken ct)
        {
            foreach (var batch in Batches(group.Of(RemediationActionKind.Revoke)))
            {
                var (result, error) = await ApplyAsync(batch, ct).ConfigureAwait(false);
                if (result != BatchResult.Ok) return error;
            }
            return null;
        }

        private async Task<GroupOutcome> VerifyAsync(CancellationToken ct)
        {
            var clock = owner._options.Clock;
            var started = clock.GetTimestamp();
            var delay = FirstBackoff;
            IReadOnlyList<string> differences = ["not read"];
            var reads = 0;
            for (var attempt = 1; attempt <= Math.Max(1, owner._options.VerifyAttempts); attempt++)
            {
                if (attempt > 1)
                {
                    var left = owner._options.VerifyWindow - clock.GetElapsedTime(started);
                    if (left <= TimeSpan.Zero) break;
                    await Task.Delay(delay < left ? delay : left, clock, ct).ConfigureAwait(false);
                    delay *= 2;
                }
                reads++;
                try
                {
                    var live = await ReadGroupAsync(ec2, group.GroupId, region, ct).ConfigureAwait(false);
                    differences = RemediationVerifier.Differences(group.Steps, live);
                    if (differences.Count == 0) break;
                }
                catch (Exception ex) when (IsAwsFailure(ex, ct))
                {
                    differences = [$"verification read failed: {Code(ex)}"];
                }
            }
            var seconds = _firstChange is { } first ? (clock.GetUtcNow() - first).TotalSeconds : (double?)null;
            return new GroupOutcome(group.GroupId, differences.Count == 0 ? GroupStatus.Verified : GroupStatus.Differs)
            {
                Done = [.. _done], Remaining = differences, Notes = [.. _notes], VerifyReads = reads, SecondsToVerify = seconds,
            };
        }

        /// <summary>Sends one batch (one kind, one direction); retries only what still differs after a stale-read refusal.</summary>
        private async Task<(BatchResult Result, string? Error)> ApplyAsync(IReadOnlyList<RemediationStep> batch, CancellationToken ct)
        {
            var steps = batch;
            for (var attempt = 1; steps.Count > 0; attempt++)
            {
                // The safe point: stop before a write, never inside one. A write in flight is not cancelled, so its
                // outcome is known and recorded (a cancelled call may have been applied by EC2 all the same).
                ct.ThrowIfCancellationRequested();
                try
                {
                    var requestId = await SendAsync(steps, dryRun: false, CancellationToken.None).ConfigureAwait(false);
                    _firstChange ??= owner._options.Clock.GetUtcNow();
                    Record(steps, "", requestId, "applied");
                    _done.AddRange(steps);
                    return (BatchResult.Ok, null);
                }
                catch (AmazonEC2Exception ex) when (IsStale(ex.ErrorCode) && attempt < MaxBatchAttempts)
                {
                    // EC2 applied nothing of the batch: re-read, and keep only what still differs.
                    CoreGroup live;
                    try { live = await ReadGroupAsync(ec2, group.GroupId, region, ct).ConfigureAwait(false); }
                    catch (Exception readError) when (IsAwsFailure(readError, ct))
                    {
                        Record(steps, "", ex.RequestId, "failed", Error(ex));
                        return (BatchResult.Failed, $"{Error(ex)}; re-read failed: {Code(readError)}");
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        // The refused call applied nothing; it is still a call made, so it keeps its record.
                        Record(steps, "", ex.RequestId, "failed", Error(ex));
                        throw;
                    }
                    var pending = RemediationVerifier.Pending(steps, live);
                    var pendingKeys = pending.Select(p => p.Rule.Key).ToHashSet();
                    var already = steps.Where(s => !pendingKeys.Contains(s.Rule.Key)).ToList();
                    Record(already, "", ex.RequestId, "already-done", Error(ex));
                    _done.AddRange(already);
                    _notes.Add($"{steps[0].ActionName}: {ex.ErrorCode}; re-read the group, {already.Count} rule(s) already as declared, retrying {pending.Count}");
                    steps = pending;
                }
                catch (AmazonEC2Exception ex) when (ex.ErrorCode == "RulesPerSecurityGroupLimitExceeded")
                {
                    Record(steps, "", ex.RequestId, "failed", Error(ex));
                    return (BatchResult.QuotaExceeded, Error(ex));
                }
                catch (Exception ex) when (IsAwsFailure(ex, CancellationToken.None))
                {
                    // The write was sent without the caller's token: any cancellation here is the SDK's timeout, a failure to record.
                    Record(steps, "", (ex as AmazonServiceException)?.RequestId, "failed", Error(ex));
                    return (BatchResult.Failed, Error(ex));
                }
            }
            return (BatchResult.Ok, null);
        }

        /// <summary>The DryRun twin of a batch: null when permitted, else the error.</summary>
        private async Task<string?> DryRunAsync(IReadOnlyList<RemediationStep> batch, CancellationToken ct)
        {
            try
            {
                var requestId = await SendAsync(batch, dryRun: true, ct).ConfigureAwait(false);
                // An endpoint that ignores DryRun has acted; the real call then finds the rules in place and counts them done.
                Record(batch, "dry-run:", requestId, "permitted");
                return null;
            }
            catch (AmazonEC2Exception ex) when (ex.ErrorCode == "DryRunOperation")
            {
                Record(batch, "dry-run:", ex.RequestId, "permitted");
                return null;
            }
            catch (AmazonServiceException ex) when (IsDenied(ex.ErrorCode))
            {
                Record(batch, "dry-run:", ex.RequestId, "denied", Error(ex));
                return Error(ex);
            }
            catch (AmazonEC2Exception ex)
            {
                // Permission was checked before the values: a stale value (duplicate, not found) is handled by the real call.
                Record(batch, "dry-run:", ex.RequestId, "permitted", Error(ex));
                return null;
            }
            catch (Exception ex) when (IsAwsFailure(ex, ct))
            {
                Record(batch, "dry-run:", (ex as AmazonServiceException)?.RequestId, "failed", Error(ex));
                return Error(ex);
            }
        }

        private async Task<string?> SendAsync(IReadOnlyList<RemediationStep> steps, bool dryRun, CancellationToken ct)
        {
            var first = steps[0];
            var ingress = first.Direction == Direction.Ingress;
            AmazonWebServiceResponse response;
            switch (first.Action)
            {
                case RemediationActionKind.Authorize:
                    // EC2 fails a whole call that repeats a permission: send each canonical rule once.
                    var permissions = steps.DistinctBy(s => s.Rule.Key).Select(s => IpPermissions.FromRule(s.Rule)).ToList();
                    response = ingress
                        ? await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = group.GroupId, IpPermissions = permissions, DryRun = dryRun }, ct).ConfigureAwait(false)
                        : await ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = group.GroupId, IpPermissions = permissions, DryRun = dryRun }, ct).ConfigureAwait(false);
                    break;
                case RemediationActionKind.Revoke:
                    var ids = steps.Select(s => s.Rule.RuleId!).Distinct(StringComparer.Ordinal).ToList();
                    response = ingress
                        ? await ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = group.GroupId, SecurityGroupRuleIds = ids, DryRun = dryRun }, ct).ConfigureAwait(false)
                        : await ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = group.GroupId, SecurityGroupRuleIds = ids, DryRun = dryRun }, ct).ConfigureAwait(false);
                    break;
                default:
                    var descriptions = steps.DistinctBy(s => s.Rule.RuleId)
                        .Select(s => new SecurityGroupRuleDescription { SecurityGroupRuleId = s.Rule.RuleId, Description = s.Rule.Description ?? "" })
                        .ToList();
                    response = ingress
                        ? await ec2.UpdateSecurityGroupRuleDescriptionsIngressAsync(new UpdateSecurityGroupRuleDescriptionsIngressRequest { GroupId = group.GroupId, SecurityGroupRuleDescriptions = descriptions, DryRun = dryRun }, ct).ConfigureAwait(false)
                        : await ec2.UpdateSecurityGroupRuleDescriptionsEgressAsync(new UpdateSecurityGroupRuleDescriptionsEgressRequest { GroupId = group.GroupId, SecurityGroupRuleDescriptions = descriptions, DryRun = dryRun }, ct).ConfigureAwait(false);
                    break;
            }
            return response.ResponseMetadata?.RequestId;
        }

        private GroupOutcome Failed(string error, IEnumerable<RemediationStep> left) =>
            new(group.GroupId, GroupStatus.Failed)
            {
                Done = [.. _done.Where(d => group.Steps.Contains(d))],
                Remaining = [.. left.Select(s => $"{s}: not done")],
                Notes = [.. _notes],
                Error = error,
            };

        /// <summary>Steps not yet done, in plan order.</summary>
        private IEnumerable<RemediationStep> Left()
        {
            var done = _done.Select(d => (d.Action, d.Rule.Key)).ToHashSet();
            return group.Steps.Where(s => !done.Contains((s.Action, s.Rule.Key)));
        }

        private void Record(IEnumerable<RemediationStep> steps, string prefix, string? requestId, string outcome, string? error = null)
        {
            var now = owner._options.Clock.GetUtcNow();
            foreach (var s in steps)
            {
                var rule = s.Rule.RuleId is { } id && s.Action != RemediationActionKind.Authorize ? $"{s.RuleText} ({id})" : s.RuleText;
                audit.Add(new AuditRecord(now, account, region, group.GroupId, prefix + s.ActionName, rule, requestId, principal, outcome) { Error = error });
            }
        }

        /// <summary>Batches in call order: one per action kind and direction.</summary>
        private static IEnumerable<IReadOnlyList<RemediationStep>> Batches(IEnumerable<RemediationStep> steps) =>
            steps.GroupBy(s => (s.Action, s.Direction)).OrderBy(g => g.Key.Action).ThenBy(g => g.Key.Direction)
                 .Select(g => (IReadOnlyList<RemediationStep>)[.. g]);

        private static bool IsStale(string? code) =>
            code is "InvalidPermission.Duplicate" or "InvalidPermission.NotFound" or "InvalidSecurityGroupRuleId.NotFound";

        private static bool IsDenied(string? code) =>
            code is "UnauthorizedOperation" or "AccessDenied" or "AccessDeniedException" or "AuthFailure";

        private static string Error(Exception ex) => ex is AmazonServiceException { ErrorCode: { Length: > 0 } code }
            ? $"{code}: {FirstLine(ex.Message)}"
            : $"{ex.GetType().Name}: {FirstLine(ex.Message)}";
    }

    private static string Code(Exception ex) => ex is AmazonServiceException { ErrorCode: { Length: > 0 } code } ? code : ex.GetType().Name;

    private static string FirstLine(string text)
    {
        var nl = text.IndexOfAny(['\r', '\n']);
        return nl < 0 ? text : text[..nl];
    }
}
