using System.Globalization;
using System.Text;
using DriftGuard.Core.Reports;

namespace DriftGuard.GitHub.Actions;

/// <summary>
/// Step outputs of a report, appended to the <c>$GITHUB_OUTPUT</c> file as <c>name=value</c> lines
/// (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-output-parameter):
/// <c>findings</c> = unwaived policy findings of any severity, <c>failed</c> = those at or above <c>--fail-on</c>,
/// <c>drifts</c> = drifts not accepted by a baseline. The CLI writes them itself (rather than the action's shell
/// script parsing the JSON report) so the counts are computed once, by the same <see cref="ReportSummary"/> every
/// report format uses, and need neither jq nor Python on self-hosted runners.
/// </summary>
public static class ActionOutputs
{
    /// <summary>The outputs of <paramref name="report"/>, in a fixed order.</summary>
    public static IReadOnlyList<(string Name, string Value)> Of(ScanReport report)
    {
        var summary = ReportSummary.Of(report);
        return
        [
            ("findings", (summary.Findings - summary.Waived).ToString(CultureInfo.InvariantCulture)),
            ("failed", summary.Failed.ToString(CultureInfo.InvariantCulture)),
            ("drifts", (summary.Drifts - summary.AcceptedDrifts).ToString(CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>
    /// Appends the outputs when <paramref name="environment"/> has <c>GITHUB_ACTIONS=true</c> and <c>GITHUB_OUTPUT</c>;
    /// returns false (nothing written) otherwise. Throws <see cref="IOException"/> when the file cannot be written.
    /// </summary>
    public static bool Append(ScanReport report, Func<string, string?> environment)
    {
        if (!string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase)) return false;
        var path = environment("GITHUB_OUTPUT");
        if (string.IsNullOrEmpty(path)) return false;
        var text = string.Concat(Of(report).Select(o => $"{o.Name}={o.Value}\n"));
        File.AppendAllText(path, text, new UTF8Encoding(false));
        return true;
    }
}
