namespace DriftGuard.Cli.Commands;

/// <summary>One requested report: a format and where it goes (null = standard output).</summary>
public sealed record OutputTarget(string Format, string? Path);

/// <summary>Pairs <c>--format</c> and <c>--output</c> values in order, as several tools do (<c>--format json --output r.json --format sarif --output r.sarif</c>).</summary>
public static class OutputTargets
{
    /// <summary>Pairs formats with outputs. More outputs than formats, or two formats on stdout, is a usage error.</summary>
    public static IReadOnlyList<OutputTarget> Pair(IReadOnlyList<string> formats, IReadOnlyList<string> outputs, out string? error)
    {
        error = null;
        // `--output report.sarif` alone: take the format from the extension rather than writing a text table into it.
        var fs = formats.Count > 0 ? formats.ToList()
               : outputs.Count > 0 ? outputs.Select(FormatFromExtension).ToList()
               : ["text"];
        if (outputs.Count > fs.Count)
        {
            error = "more --output values than --format values";
            return [];
        }
        var targets = fs.Select((f, i) => new OutputTarget(f.Trim().ToLowerInvariant(), i < outputs.Count ? outputs[i] : null)).ToList();
        if (targets.Count(t => t.Path is null) > 1)
            error = "only one --format may write to standard output; give the others an --output file";
        var repeated = targets.Where(t => t.Path is not null).GroupBy(t => Path.GetFullPath(t.Path!)).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            error = $"--output {repeated.First().Path} is given for more than one --format; each report needs its own file";
        return targets;
    }

    private static string FormatFromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => "json",
        ".sarif" => "sarif",
        ".md" or ".markdown" => "markdown",
        _ => "text",
    };
}
