using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using DriftGuard.Aws.Live;
using DriftGuard.Aws.Permissions;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Watch;

namespace DriftGuard.Aws.Watch;

/// <summary>
/// The default side effects of watch mode until the remediation engine and the incident ledger are wired: reverts drift
/// with direct EC2 calls and writes each incident as one JSON line. Per group and direction it authorizes missing
/// rules first (access never has a gap), then revokes unmanaged rules by <c>sgr-</c> id (by permission when the id is
/// unknown), then restores descriptions. A revoke that finds the rule already gone, or an authorize that finds it
/// already there, counts as done: the end state is what matters, and the verification re-read checks it.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UpdateSecurityGroupRuleDescriptionsIngress.html (and the Egress pages).
/// </remarks>
public sealed class Ec2WatchActions : IWatchActions, IDisposable
{
    private readonly Func<IAmazonEC2> _factory;
    private IAmazonEC2? _client;
    private readonly bool _owns;
    private readonly TextWriter? _incidents;
    private readonly Lock _gate = new();

    /// <summary>Actions with their own EC2 client; incidents go to <paramref name="incidents"/> when given.</summary>
    public Ec2WatchActions(WatchAwsOptions options, TextWriter? incidents)
    {
        // Created on first use: missing credentials then fail a revert (retried, surfaced), not the start.
        _factory = () =>
        {
            var config = new Ec2LiveReader().Ec2Config(options.Region, new LiveReaderOptions { EndpointUrl = options.EndpointUrl });
            return options.Credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(options.Credentials, config);
        };
        _owns = true;
        _incidents = incidents;
    }

    /// <summary>Actions over an existing client (not disposed here).</summary>
    public Ec2WatchActions(IAmazonEC2 ec2, TextWriter? incidents)
    {
        _factory = () => ec2;
        _incidents = incidents;
    }

    private IAmazonEC2 Ec2 => _client ??= _factory();

    /// <summary>
    /// The ARN watch acts as (STS <c>GetCallerIdentity</c> at the EC2 endpoint's STS, or AWS's), so the ledger can say who
    /// remediated; null when it cannot be told (no credentials yet, STS unreachable): watch still starts.
    /// </summary>
    /// <remarks>https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html</remarks>
    public static async Task<string?> CallerArnAsync(WatchAwsOptions options, string? stsEndpoint, CancellationToken ct)
    {
        try
        {
            // One quick try: watch must start even when STS is unreachable.
            using var sts = Sts.StsClients.Create(stsEndpoint, options.Region, options.Credentials, c => { c.MaxErrorRetry = 1; c.Timeout = TimeSpan.FromSeconds(5); });
            var me = await sts.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest(), ct).ConfigureAwait(false);
            return string.IsNullOrEmpty(me.Arn) ? null : me.Arn;
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException ||
                                   (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>Incidents recorded so far (also written to the incident writer).</summary>
    public List<WatchIncident> Incidents { get; } = [];

    /// <inheritdoc />
    public async Task<WatchRemediationResult> RemediateAsync(WatchRemediationRequest request, CancellationToken ct)
    {
        var applied = new List<DriftItem>();
        var failed = new List<WatchActionFailure>();
        var calls = 0;
        foreach (var batch in request.Selected.Where(d => d.Rule is not null && d.GroupId is not null)
                     .GroupBy(d => (Group: d.GroupId!, d.Rule!.Direction, Order: d.Kind switch { DriftKind.Missing => 0, DriftKind.Unmanaged => 1, _ => 2 }, d.Kind))
                     .OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Direction).ThenBy(g => g.Key.Order))
        {
            var items = batch.ToList();
            calls++;
            try
            {
                switch (batch.Key.Kind)
                {
                    case DriftKind.Missing: await AuthorizeAsync(batch.Key.Group, batch.Key.Direction, items, ct).ConfigureAwait(false); break;
                    case DriftKind.Unmanaged: await RevokeAsync(batch.Key.Group, batch.Key.Direction, items, ct).ConfigureAwait(false); break;
                    case DriftKind.Changed: await DescribeAsync(batch.Key.Group, batch.Key.Direction, items, ct).ConfigureAwait(false); break;
                    default: continue;
                }
                applied.AddRange(items);
            }
            catch (AmazonEC2Exception ex) when (IsAlreadyDone(batch.Key.Kind, ex.ErrorCode))
            {
                applied.AddRange(items);
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException or ArgumentException
                                       && !ct.IsCancellationRequested)
            {
                var code = ex is AmazonServiceException { ErrorCode: { Length: > 0 } c } ? $"{c}: " : "";
                failed.AddRange(items.Select(i => new WatchActionFailure(i, $"{code}{FirstLine(ex.Message)}")));
            }
        }
        return new WatchRemediationResult(applied, failed) { ApiCalls = calls };
    }

    /// <inheritdoc />
    public Task RecordIncidentAsync(WatchIncident incident, CancellationToken ct)
    {
        lock (_gate)
        {
            Incidents.Add(incident);
            if (_incidents is not null)
            {
                _incidents.WriteLine(WatchIncidentLine.From(incident).ToJson());
                _incidents.Flush();
            }
        }
        return Task.CompletedTask;
    }

    private Task AuthorizeAsync(string group, Direction direction, List<DriftItem> items, CancellationToken ct)
    {
        var permissions = items.Select(i => IpPermissions.FromRule(i.Rule!)).ToList();
        return direction == Direction.Ingress
            ? Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = group, IpPermissions = permissions }, ct)
            : Ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = group, IpPermissions = permissions }, ct);
    }

    private async Task RevokeAsync(string group, Direction direction, List<DriftItem> items, CancellationToken ct)
    {
        var ids = items.Where(i => i.Rule!.RuleId is not null).Select(i => i.Rule!.RuleId!).ToList();
        var permissions = items.Where(i => i.Rule!.RuleId is null).Select(i => IpPermissions.FromRule(i.Rule! with { Description = null })).ToList();
        if (direction == Direction.Ingress)
        {
            if (ids.Count > 0) await Ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = group, SecurityGroupRuleIds = ids }, ct).ConfigureAwait(false);
            if (permissions.Count > 0) await Ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = group, IpPermissions = permissions }, ct).ConfigureAwait(false);
        }
        else
        {
            if (ids.Count > 0) await Ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = group, SecurityGroupRuleIds = ids }, ct).ConfigureAwait(false);
            if (permissions.Count > 0) await Ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = group, IpPermissions = permissions }, ct).ConfigureAwait(false);
        }
    }

    private Task DescribeAsync(string group, Direction direction, List<DriftItem> items, CancellationToken ct)
    {
        var descriptions = items.Where(i => i.Rule!.RuleId is not null)
            .Select(i => new SecurityGroupRuleDescription { SecurityGroupRuleId = i.Rule!.RuleId, Description = i.DeclaredDescription ?? "" }).ToList();
        if (descriptions.Count == 0) throw new ArgumentException("no rule id to update the description of");
        return direction == Direction.Ingress
            ? Ec2.UpdateSecurityGroupRuleDescriptionsIngressAsync(new UpdateSecurityGroupRuleDescriptionsIngressRequest { GroupId = group, SecurityGroupRuleDescriptions = descriptions }, ct)
            : Ec2.UpdateSecurityGroupRuleDescriptionsEgressAsync(new UpdateSecurityGroupRuleDescriptionsEgressRequest { GroupId = group, SecurityGroupRuleDescriptions = descriptions }, ct);
    }

    private static bool IsAlreadyDone(DriftKind kind, string? code) => kind switch
    {
        DriftKind.Unmanaged => code is "InvalidPermission.NotFound" or "InvalidSecurityGroupRuleId.NotFound",
        DriftKind.Missing => code is "InvalidPermission.Duplicate",
        _ => false,
    };

    private static string FirstLine(string text)
    {
        var nl = text.IndexOfAny(['\r', '\n']);
        return nl < 0 ? text : text[..nl];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owns) _client?.Dispose();
    }
}
