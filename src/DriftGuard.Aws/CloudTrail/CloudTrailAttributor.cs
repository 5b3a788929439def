using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Ledger;
using DriftGuard.Core.Model;

namespace DriftGuard.Aws.CloudTrail;

/// <summary>
/// Attributes a drift to the API call that caused it: LookupEvents with the lookup attribute <c>ResourceName</c> = the
/// group id over the 90 days before detection (one attribute per call, 50 events a page, NextToken followed,
/// throttled per account and region), filtering on our side to the successful calls that make this kind of drift
/// (Authorize…/Revoke…/ModifySecurityGroupRules/UpdateSecurityGroupRuleDescriptions…/CreateSecurityGroup/
/// DeleteSecurityGroup). Events come newest first; the first whose request names the rule's peer and port wins,
/// else the newest call of the right name (reported as a weaker match).
/// </summary>
public sealed partial class CloudTrailAttributor(Func<string, ILookupEvents> lookupForRegion, RequestThrottle throttle, string defaultRegion) : IChangeAttributor
{
    /// <summary>How far back LookupEvents can see.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    private readonly Dictionary<string, ILookupEvents> _lookups = new(StringComparer.Ordinal);

    /// <summary>Most pages read per drift (50 events each).</summary>
    public int MaxPages { get; init; } = 20;

    /// <inheritdoc />
    public async Task<ChangeAttribution> AttributeAsync(DriftItem drift, DateTimeOffset detectedAt, CancellationToken ct)
    {
        if (drift.GroupId is not { Length: > 0 } groupId) return ChangeAttribution.Unknown("the drift has no group id to look up in CloudTrail");
        var names = EventNames(drift);
        var region = drift.Region ?? defaultRegion;
        var start = detectedAt - Retention;
        var end = detectedAt + TimeSpan.FromMinutes(1);
        ILookupEvents lookup;
        lock (_lookups)
            if (!_lookups.TryGetValue(region, out lookup!)) _lookups[region] = lookup = lookupForRegion(region);
        string? token = null;
        var seen = 0;
        ChangeAttribution? weak = null;
        try
        {
            for (var page = 0; page < MaxPages; page++)
            {
                await throttle.WaitAsync($"{drift.Account}/{region}", ct).ConfigureAwait(false);
                var result = await lookup.LookupEventsAsync(groupId, start, end, token, ct).ConfigureAwait(false);
                foreach (var e in result.Events)
                {
                    seen++;
                    if (e.EventName is null || !names.Contains(e.EventName)) continue;
                    var (parameters, failed) = Request(e.CloudTrailEvent);
                    if (failed) continue;
                    var attribution = CloudTrailActor.FromEvent(e.CloudTrailEvent);
                    if (!attribution.Known) continue;
                    // The summary's EventTime may carry milliseconds the record's eventTime (whole seconds) lacks.
                    attribution = attribution with { OccurredAt = e.EventTime ?? attribution.OccurredAt, EventId = attribution.EventId ?? e.EventId };
                    if (drift.Rule is null || NamesRule(parameters, drift.Rule))
                        return attribution with { Match = drift.Rule is null ? $"{e.EventName} on {groupId}" : $"{e.EventName} on {groupId} naming {drift.Rule.Source.Canonical}{Port(drift.Rule)}" };
                    weak ??= attribution with { Match = $"newest {e.EventName} on {groupId}; its request does not name {drift.Rule.Source.Canonical}{Port(drift.Rule)}" };
                }
                token = result.NextToken;
                if (token is null) break;
            }
        }
        catch (CloudTrailException ex)
        {
            return weak ?? ChangeAttribution.Unknown(ex.Code switch
            {
                "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" =>
                    $"CloudTrail LookupEvents was denied (the checking identity lacks cloudtrail:LookupEvents): {ex.ServiceMessage}",
                "Unreachable" => $"CloudTrail could not be reached: {ex.ServiceMessage}",
                _ => $"CloudTrail LookupEvents failed: {ex.Message}",
            });
        }
        if (weak is not null) return weak;
        var window = $"between {Fmt(start)} and {Fmt(end)} in {region}";
        return ChangeAttribution.Unknown(seen == 0
            ? $"no CloudTrail event names {groupId} {window}: LookupEvents covers only the last 90 days of management events, and an event appears about 5 minutes after the call"
            : $"{seen} CloudTrail event(s) name {groupId} {window}, but none is a successful {string.Join("/", names.Order(StringComparer.Ordinal))}");
    }

    /// <summary>The event names that can cause <paramref name="drift"/>.</summary>
    public static IReadOnlySet<string> EventNames(DriftItem drift)
    {
        var dir = drift.Rule?.Direction == Direction.Egress ? "Egress" : "Ingress";
        return drift.Kind switch
        {
            DriftKind.Unmanaged => new HashSet<string>([$"AuthorizeSecurityGroup{dir}", "ModifySecurityGroupRules"]),
            DriftKind.Missing => new HashSet<string>([$"RevokeSecurityGroup{dir}", "ModifySecurityGroupRules"]),
            DriftKind.Changed => new HashSet<string>([$"UpdateSecurityGroupRuleDescriptions{dir}", "ModifySecurityGroupRules", $"AuthorizeSecurityGroup{dir}"]),
            DriftKind.UnmanagedGroup => new HashSet<string>(["CreateSecurityGroup"]),
            DriftKind.MissingGroup => new HashSet<string>(["DeleteSecurityGroup"]),
            _ => new HashSet<string>(),
        };
    }

    /// <summary>True when a request's parameters name the rule's peer (and its first port, for rules with ports).</summary>
    internal static bool NamesRule(string parameters, SgRule rule)
    {
        if (!parameters.Contains($"\"{rule.Source.Canonical}\"", StringComparison.OrdinalIgnoreCase)) return false;
        if (rule.FromPort is not { } from) return true;
        return FromPortPattern().Matches(parameters).Any(m => m.Groups[1].Value == from.ToString(CultureInfo.InvariantCulture));
    }

    private static (string Parameters, bool Failed) Request(string? record)
    {
        if (string.IsNullOrEmpty(record)) return ("", false);
        try
        {
            using var doc = JsonDocument.Parse(record);
            var root = doc.RootElement;
            var failed = root.TryGetProperty("errorCode", out var err) && err.ValueKind == JsonValueKind.String;
            return (root.TryGetProperty("requestParameters", out var p) ? p.GetRawText() : "", failed);
        }
        catch (JsonException) { return ("", false); }
    }

    private static string Port(SgRule rule) => rule.FromPort is null ? "" : $" port {rule.FromPort}";

    private static string Fmt(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"""fromPort""\s*:\s*""?(-?\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex FromPortPattern();
}
