using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using DriftGuard.Aws.Live;
using DriftGuard.Core.Model;
using DriftGuard.Core.Watch;

namespace DriftGuard.Aws.Watch;

/// <summary>
/// Live reads for watch mode through AWSSDK.EC2. A full read is <see cref="Ec2LiveReader"/>'s; an event read asks only
/// for the named groups: <c>DescribeSecurityGroups</c> and <c>DescribeSecurityGroupRules</c> with a <c>group-id</c>
/// filter (a filter, not <c>GroupIds</c>, so a deleted group is simply absent instead of failing the call with
/// <c>InvalidGroup.NotFound</c>). Errors become alerts with <see cref="LiveGroupRead.Complete"/> false, never exceptions.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroupRules.html.
/// </remarks>
public sealed class Ec2GroupReader : ILiveGroupSource, IDisposable
{
    private readonly WatchAwsOptions _options;
    private readonly LiveReaderOptions _full;
    private AmazonEC2Client? _client;

    /// <summary>A reader for one region; <paramref name="full"/> configures full reads (VPC filter, roles).</summary>
    public Ec2GroupReader(WatchAwsOptions options, LiveReaderOptions? full = null)
    {
        _options = options;
        _full = (full ?? new LiveReaderOptions()) with
        {
            Regions = [options.Region],
            EndpointUrl = options.EndpointUrl,
            Credentials = options.Credentials,
        };
    }

    /// <summary>Created on first use: without credentials the SDK throws here, and that must be a read failure, not a crash at start.</summary>
    private AmazonEC2Client Ec2 => _client ??= _options.Credentials is null
        ? new AmazonEC2Client(new Ec2LiveReader().Ec2Config(_options.Region, _full))
        : new AmazonEC2Client(_options.Credentials, new Ec2LiveReader().Ec2Config(_options.Region, _full));

    /// <inheritdoc />
    public async Task<LiveGroupRead> ReadAllAsync(CancellationToken ct)
    {
        var snapshot = await new Ec2LiveReader().ReadAsync(_full, ct).ConfigureAwait(false);
        return new LiveGroupRead(snapshot.Groups, snapshot.Alerts, snapshot.Complete && snapshot.Alerts.Count == 0);
    }

    /// <inheritdoc />
    public async Task<LiveGroupRead> ReadGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct)
    {
        if (groupIds.Count == 0) return new LiveGroupRead([], [], true);
        var filter = new List<Filter> { new("group-id", [.. groupIds]) };
        try
        {
            var groups = new List<Amazon.EC2.Model.SecurityGroup>();
            await foreach (var page in Ec2.Paginators.DescribeSecurityGroups(new DescribeSecurityGroupsRequest { Filters = filter })
                               .Responses.WithCancellation(ct).ConfigureAwait(false))
                groups.AddRange(page.SecurityGroups ?? []);
            var rules = new List<SecurityGroupRule>();
            if (groups.Count > 0)
            {
                await foreach (var page in Ec2.Paginators.DescribeSecurityGroupRules(new DescribeSecurityGroupRulesRequest { Filters = filter, MaxResults = 1000 })
                                   .Responses.WithCancellation(ct).ConfigureAwait(false))
                    rules.AddRange(page.SecurityGroupRules ?? []);
            }
            var (canonical, errors) = Ec2SecurityGroupMapper.ToCanonical(groups, rules, _options.Region);
            var found = groups.Select(g => g.GroupId).ToHashSet(StringComparer.Ordinal);
            return new LiveGroupRead(canonical, errors, true) { NotFound = [.. groupIds.Where(id => !found.Contains(id))] };
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException
                                   && !ct.IsCancellationRequested)
        {
            var code = ex is AmazonServiceException { ErrorCode: { Length: > 0 } c } ? c : ex.GetType().Name;
            return new LiveGroupRead([], [new Diagnostic($"aws:{_options.Region}", 0,
                $"cannot read {string.Join(", ", groupIds)}: {code}: {FirstLine(ex.Message)}")], false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client?.Dispose();

    private static string FirstLine(string text)
    {
        var nl = text.IndexOfAny(['\r', '\n']);
        return nl < 0 ? text : text[..nl];
    }
}
