using System.Globalization;
using System.Text;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// MaxResults/NextToken paging of the Describe calls: <c>MaxResults</c> must be 5–1000 (all items when omitted);
/// <c>NextToken</c> is opaque to callers and resumes after the last item returned, so items created or deleted
/// between pages never shift the rest. A token that does not decode is <c>InvalidPaginationToken</c>.
/// </summary>
internal static class Paging
{
    public static int? MaxResults(QueryParameters p, int min = 5, int max = 1000)
    {
        var value = p.Int("MaxResults");
        if (value is { } n && (n < min || n > max))
            throw SandboxFault.InvalidParameterValue(
                $"Value ( {n} ) for parameter maxResults is invalid. Parameter must be between {min} and {max}.");
        return value;
    }

    /// <summary>Sequence number after which the page starts (0 for the first page).</summary>
    public static long After(QueryParameters p, string kind)
    {
        var token = p.Get("NextToken");
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var prefix = kind + ":";
            if (text.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
                return seq;
        }
        catch (FormatException)
        {
            // falls through to the EC2 error below
        }
        throw new SandboxFault("InvalidPaginationToken", $"The pagination token '{token}' is not valid or is expired.");
    }

    /// <summary>One page of <paramref name="ordered"/> (ascending sequence) and the token for the next, or null on the last page.</summary>
    public static (IReadOnlyList<T> Page, string? NextToken) Take<T>(
        IEnumerable<T> ordered, Func<T, long> sequence, long after, int? maxResults, string kind)
    {
        var remaining = ordered.Where(x => sequence(x) > after);
        if (maxResults is not { } max) return ([.. remaining], null);
        var window = remaining.Take(max + 1).ToList();
        if (window.Count <= max) return (window, null);
        var page = window.Take(max).ToList();
        var next = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{kind}:{sequence(page[^1]).ToString(CultureInfo.InvariantCulture)}"));
        return (page, next);
    }
}
