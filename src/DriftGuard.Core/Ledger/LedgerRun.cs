using System.Globalization;

namespace DriftGuard.Core.Ledger;

/// <summary>One invocation that writes to the ledger: its id, command, time and acting identity.</summary>
/// <param name="RunId">Unique id, e.g. <c>check-20260601T120000Z-3f2a</c>; GitHub Actions runs use <c>gh-RUNID-ATTEMPT</c>.</param>
/// <param name="Command"><c>check</c>, <c>remediate</c>, <c>watch</c> or <c>demo</c>.</param>
/// <param name="At">Time written on the lines (UTC).</param>
/// <param name="By">Acting identity (principal ARN or name); null when unknown.</param>
public sealed record LedgerRun(string RunId, string Command, DateTimeOffset At, string? By)
{
    /// <summary>A new run of <paramref name="command"/> at <paramref name="at"/>; <paramref name="githubRunId"/> (GITHUB_RUN_ID) makes the id traceable to the workflow run.</summary>
    public static LedgerRun Start(string command, DateTimeOffset at, string? by = null, string? githubRunId = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var id = githubRunId is { Length: > 0 }
            ? $"{command}-gh{githubRunId}-{suffix}"
            : $"{command}-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{suffix}";
        return new LedgerRun(id, command, at, by);
    }
}
