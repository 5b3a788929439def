using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using DriftGuard.Core.Model;
using CoreGroup = DriftGuard.Core.Model.SecurityGroup;

namespace DriftGuard.Aws.Live;

/// <summary>
/// Reads live security groups through AWSSDK.EC2: for each role (or the ambient credentials) and each region,
/// every page of <c>DescribeSecurityGroups</c> and <c>DescribeSecurityGroupRules</c> (MaxResults 1000), nothing more.
/// Throttling is retried by the SDK's retry mode; access problems and unreachable regions become alerts, never exceptions.
/// </summary>
/// <remarks>
/// APIs: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroupRules.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRegions.html,
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html. Endpoint variables follow
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html.
/// With a VPC filter, <c>DescribeSecurityGroupRules</c> (which has no <c>vpc-id</c> filter) is read whole and the
/// rules of other VPCs' groups are dropped.
/// </remarks>
public sealed class Ec2LiveReader
{
    private const int PageSize = 1000;
    private readonly Func<string, string?> _environment;

    /// <summary>A reader using the process environment for endpoints and the default region.</summary>
    public Ec2LiveReader() : this(Environment.GetEnvironmentVariable) { }

    /// <summary>A reader with an injected environment (tests).</summary>
    internal Ec2LiveReader(Func<string, string?> environment) => _environment = environment;

    /// <summary>Reads every requested region for every requested role.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="ct"/> is cancelled.</exception>
    public async Task<LiveSnapshot> ReadAsync(LiveReaderOptions options, CancellationToken ct)
    {
        var run = new Run();
        foreach (var (service, url) in (ReadOnlySpan<(string, string?)>)[("EC2", EndpointFor("EC2", options)), ("STS", EndpointFor("STS", options))])
        {
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                run.Alerts.Add(new Diagnostic("aws", 0, $"invalid {service} endpoint URL '{url}': expected an absolute http(s) URL"));
                return new LiveSnapshot([], run.Alerts, false);
            }
        }
        var identities = new List<(string? Role, AWSCredentials? Credentials)>();
        if (options.RoleArns.Count == 0) identities.Add((null, options.Credentials));
        foreach (var role in options.RoleArns)
        {
            var assumed = await AssumeRoleAsync(role, options, run, ct).ConfigureAwait(false);
            if (assumed is not null) identities.Add((role, assumed));
        }
        var regionsRead = new List<string>();
        foreach (var (role, credentials) in identities)
        {
            var regions = await RegionsAsync(options, credentials, role, run, ct).ConfigureAwait(false);
            foreach (var region in regions)
            {
                await ReadRegionAsync(region, options, credentials, role, run, ct).ConfigureAwait(false);
                if (!regionsRead.Contains(region)) regionsRead.Add(region);
            }
        }
        return new LiveSnapshot(run.Groups, run.Alerts, run.Complete) { Regions = regionsRead, ApiCalls = run.ApiCalls };
    }

    /// <summary>The EC2 client configuration for <paramref name="region"/>: endpoint override, retry mode, signing region.</summary>
    internal AmazonEC2Config Ec2Config(string region, LiveReaderOptions options)
    {
        var config = new AmazonEC2Config { RetryMode = options.RetryMode };
        var endpoint = EndpointFor("EC2", options);
        if (endpoint is null) config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        else
        {
            // ServiceURL replaces the regional endpoint; AuthenticationRegion keeps SigV4 signing for the right region.
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        return config;
    }

    private async Task ReadRegionAsync(string region, LiveReaderOptions options, AWSCredentials? credentials, string? role, Run run,
                                       CancellationToken ct)
    {
        AmazonEC2Client ec2;
        try
        {
            ec2 = NewEc2(region, options, credentials);
        }
        catch (Exception ex) when (IsAlert(ex, ct))
        {
            // No credentials in the chain, a bad profile: the region cannot be read, which is an alert, not a crash.
            run.Alert(region, role, "ec2:DescribeSecurityGroups", ex, incomplete: true);
            return;
        }
        using var _ = ec2;
        var groupsRequest = new DescribeSecurityGroupsRequest { MaxResults = PageSize };
        if (options.VpcIds.Count > 0) groupsRequest.Filters = [new Filter("vpc-id", [.. options.VpcIds])];

        // The two listings are independent: page through both at once, so the wall time is the longer of the two.
        var groupsTask = ListGroupsAsync(ec2, groupsRequest, ct);
        var rulesTask = ListRulesAsync(ec2, ct);
        var (groups, groupPages, groupsError) = await groupsTask.ConfigureAwait(false);
        var (rules, rulePages, rulesError) = await rulesTask.ConfigureAwait(false);
        run.ApiCalls += groupPages + rulePages;
        if (groupsError is not null)
        {
            run.Alert(region, role, "ec2:DescribeSecurityGroups", groupsError, incomplete: true);
            return;
        }
        if (rulesError is not null)
        {
            // The groups' own permissions still give every rule; only the sgr- ids (needed to revoke) are lost.
            run.Alert(region, role, "ec2:DescribeSecurityGroupRules", rulesError, incomplete: false, note: "rules read from DescribeSecurityGroups, without rule ids");
            rules = null;
        }

        var (canonical, errors) = Ec2SecurityGroupMapper.ToCanonical(groups, rules, region);
        run.Groups.AddRange(canonical);
        run.Alerts.AddRange(errors);
    }

    private async Task<(List<Amazon.EC2.Model.SecurityGroup> Groups, int Pages, Exception? Error)> ListGroupsAsync(
        IAmazonEC2 ec2, DescribeSecurityGroupsRequest request, CancellationToken ct)
    {
        List<Amazon.EC2.Model.SecurityGroup> groups = [];
        var pages = 0;
        try
        {
            await foreach (var page in ec2.Paginators.DescribeSecurityGroups(request).Responses.WithCancellation(ct).ConfigureAwait(false))
            {
                pages++;
                groups.AddRange(page.SecurityGroups ?? []);
            }
            return (groups, pages, null);
        }
        catch (Exception ex) when (IsAlert(ex, ct))
        {
            return (groups, pages, ex);
        }
    }

    private async Task<(List<SecurityGroupRule>? Rules, int Pages, Exception? Error)> ListRulesAsync(IAmazonEC2 ec2, CancellationToken ct)
    {
        List<SecurityGroupRule> rules = [];
        var pages = 0;
        try
        {
            await foreach (var page in ec2.Paginators.DescribeSecurityGroupRules(new DescribeSecurityGroupRulesRequest { MaxResults = PageSize })
                               .Responses.WithCancellation(ct).ConfigureAwait(false))
            {
                pages++;
                rules.AddRange(page.SecurityGroupRules ?? []);
            }
            return (rules, pages, null);
        }
        catch (Exception ex) when (IsAlert(ex, ct))
        {
            return (rules, pages, ex);
        }
    }

    private async Task<IReadOnlyList<string>> RegionsAsync(LiveReaderOptions options, AWSCredentials? credentials, string? role, Run run,
                                                          CancellationToken ct)
    {
        var given = options.Regions.Count > 0
            ? options.Regions
            : [Env("AWS_REGION") ?? Env("AWS_DEFAULT_REGION") ?? "us-east-1"];
        if (!options.AllRegions) return given;
        try
        {
            using var ec2 = NewEc2(given[0], options, credentials);
            var response = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest(), ct).ConfigureAwait(false);
            run.ApiCalls++;
            var regions = (response.Regions ?? []).Select(r => r.RegionName).Where(n => !string.IsNullOrEmpty(n)).ToList();
            return regions.Count > 0 ? regions : given;
        }
        catch (Exception ex) when (IsAlert(ex, ct))
        {
            run.Alert(given[0], role, "ec2:DescribeRegions", ex, incomplete: true, note: $"reading only {string.Join(", ", given)}");
            return given;
        }
    }

    private async Task<AWSCredentials?> AssumeRoleAsync(string roleArn, LiveReaderOptions options, Run run, CancellationToken ct)
    {
        var region = options.Regions.FirstOrDefault() ?? Env("AWS_REGION") ?? Env("AWS_DEFAULT_REGION") ?? "us-east-1";
        var endpoint = EndpointFor("STS", options);
        try
        {
            using var sts = Sts.StsClients.Create(endpoint, region, options.Credentials, c => c.RetryMode = options.RetryMode);
            var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "driftguard" }, ct).ConfigureAwait(false);
            run.ApiCalls++;
            var c = response.Credentials;
            return new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
        }
        catch (Exception ex) when (IsAlert(ex, ct))
        {
            run.Alert(region, roleArn, "sts:AssumeRole", ex, incomplete: true);
            return null;
        }
    }

    private AmazonEC2Client NewEc2(string region, LiveReaderOptions options, AWSCredentials? credentials)
    {
        var config = Ec2Config(region, options);
        return credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
    }

    /// <summary>The endpoint option, else <c>AWS_ENDPOINT_URL_{SERVICE}</c>, else <c>AWS_ENDPOINT_URL</c>; null for AWS itself.</summary>
    private string? EndpointFor(string service, LiveReaderOptions options) =>
        options.EndpointUrl ?? Env($"AWS_ENDPOINT_URL_{service}") ?? Env("AWS_ENDPOINT_URL");

    private string? Env(string name) => _environment(name) is { Length: > 0 } v ? v : null;

    /// <summary>Everything but cancellation and programming errors becomes an alert: denied, unreachable, bad region, no credentials.</summary>
    private static bool IsAlert(Exception ex, CancellationToken ct) =>
        !(ex is OperationCanceledException && ct.IsCancellationRequested) &&
        ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException or OperationCanceledException;

    /// <summary>Mutable state of one read.</summary>
    private sealed class Run
    {
        public List<CoreGroup> Groups { get; } = [];
        public List<Diagnostic> Alerts { get; } = [];
        public bool Complete { get; private set; } = true;
        public int ApiCalls { get; set; }

        public void Alert(string region, string? role, string action, Exception ex, bool incomplete, string? note = null)
        {
            if (incomplete) Complete = false;
            var code = ex is AmazonServiceException { ErrorCode: { Length: > 0 } c } ? c : ex.GetType().Name;
            var kind = code is "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "AuthFailure"
                ? "access denied" : "cannot read";
            var who = role is null ? "" : $" as {role}";
            var message = FirstLine(ex.Message);
            Alerts.Add(new Diagnostic($"aws:{region}", 0,
                $"{kind}: {action} in {region}{who}: {code}: {message}{(note is null ? "" : $" ({note})")}") { Resource = role });
        }

        private static string FirstLine(string text)
        {
            var nl = text.IndexOfAny(['\r', '\n']);
            return nl < 0 ? text : text[..nl];
        }
    }
}
