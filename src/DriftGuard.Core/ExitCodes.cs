namespace DriftGuard.Core;

/// <summary>
/// Process exit codes of every command. A finding is never confused with a failure.
/// Precedence when several apply: <see cref="UsageError"/> &gt; <see cref="Findings"/> &gt; <see cref="Incomplete"/> &gt; <see cref="Ok"/>.
/// </summary>
public static class ExitCodes
{
    /// <summary>In sync; no policy failure at or above <c>--fail-on</c>.</summary>
    public const int Ok = 0;
    /// <summary>Drift or policy failures at or above the threshold.</summary>
    public const int Findings = 1;
    /// <summary>Bad flags, unreadable IaC, invalid configuration.</summary>
    public const int UsageError = 2;
    /// <summary>Something could not be read (AccessDenied, a region) and nothing else was found.</summary>
    public const int Incomplete = 3;

    /// <summary>
    /// Stopped by SIGINT/SIGTERM (128 + 2, the shell's convention). <c>remediate --apply</c> stops at a safe point and still
    /// writes the audit log and the ledger for every call it made before exiting with this code.
    /// </summary>
    public const int Cancelled = 130;

    /// <summary>Combines two exit codes by precedence 130 &gt; 2 &gt; 1 &gt; 3 &gt; 0.</summary>
    public static int Combine(int a, int b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(int code) => code switch { Cancelled => 4, UsageError => 3, Findings => 2, Incomplete => 1, _ => 0 };
}
