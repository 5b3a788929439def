using System.CommandLine;
using DriftGuard.Core.Model;

namespace DriftGuard.Cli.Commands;

/// <summary>Options shared by several commands, with the names Checkov, driftctl and Terraform users know.</summary>
internal static class CommonOptions
{
    /// <summary>
    /// Makes an empty path (<c>--iac ""</c>, <c>gate ""</c>) a usage error: resolved against the current directory it
    /// would otherwise scan the whole working tree, which the user never asked for.
    /// </summary>
    public static T RejectEmptyPaths<T>(T symbol) where T : Symbol
    {
        static string? Check(string name, IEnumerable<System.CommandLine.Parsing.Token> tokens) =>
            tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)) ? $"{name}: an empty path is not a file or directory" : null;
        switch (symbol)
        {
            case Option<string[]> option:
                option.Validators.Add(r => { if (Check(option.Name, r.Tokens) is { } e) r.AddError(e); });
                break;
            case Argument<string[]> argument:
                argument.Validators.Add(r => { if (Check(argument.Name, r.Tokens) is { } e) r.AddError(e); });
                break;
        }
        return symbol;
    }

    public static Option<string?> Policy() => new("--policy")
    {
        Description = "Policy file (.driftguard.yml): enabled policies, severities, authorized ports, waivers. Default: ./.driftguard.yml when present.",
    };

    public static Option<string?> Parameters() => new("--parameters")
    {
        Description = "CloudFormation parameter values: AWS CLI [{\"ParameterKey\",\"ParameterValue\"}] or {\"Parameters\":{…}} JSON.",
    };

    public static Option<string> FailOn() => new("--fail-on")
    {
        Description = "Lowest severity that fails the run: critical, high, medium, low or never.",
        DefaultValueFactory = _ => "high",
    };

    public static Option<string[]> Format() => new("--format", "-f")
    {
        Description = "Report format: text, json, markdown or sarif. Repeat with --output for several reports.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Output() => new("--output", "-o")
    {
        Description = "File for the matching --format (in order); without it the report goes to standard output.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Print stack traces for unexpected errors.",
    };

    /// <summary>Parses a <c>--fail-on</c> value or explains the choices.</summary>
    public static bool TryFailOn(string? value, out Severity threshold, out string? error)
    {
        error = null;
        if (Severities.TryParseThreshold(value, out threshold)) return true;
        error = $"invalid --fail-on '{value}': use critical, high, medium, low or never";
        return false;
    }
}
