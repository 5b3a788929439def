using System.CommandLine;
using DriftGuard.Cli.Handlers;
using DriftGuard.Core.Remediation;

namespace DriftGuard.Cli.Commands;

/// <summary>
/// <c>driftguard remediate --iac PATH...</c>: the same inputs and flags as <c>check</c>, then a plan of the changes that
/// make the managed groups equal to the declared rules in the chosen scope; <c>--apply</c> makes them and verifies.
/// </summary>
internal static class RemediateCommand
{
    /// <summary><c>--remediate none|noncompliant|all</c>, shared by <c>remediate</c>, <c>check</c> and <c>watch</c>.</summary>
    public static Option<string> ScopeOption(string defaultScope) => new("--remediate")
    {
        Description = "Which drift to revert: none, noncompliant (unmanaged rules with a finding at or above --fail-on) or all (every managed group equal to its declared rules).",
        DefaultValueFactory = _ => defaultScope,
    };

    public static Command Create(CliContext context)
    {
        var options = new CheckOptions();
        var scope = ScopeOption("noncompliant");
        var apply = new Option<bool>("--apply") { Description = "Make the changes (default: print the plan and exit 1 if anything would change)." };
        var maxChanges = new Option<int>("--max-changes") { Description = "Apply nothing when the plan holds more atomic changes than this.", DefaultValueFactory = _ => 50 };
        var auditLog = new Option<string?>("--audit-log") { Description = "Append one JSON line per action (time, account, region, group, action, rule, request id, principal, outcome) to this file." };
        var command = new Command("remediate", "Reapply the declared security-group rules: DryRun, authorize missing, revoke unmanaged by rule id, verify.");
        options.AddTo(command);
        foreach (var o in (Option[])[scope, apply, maxChanges, auditLog]) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var check = options.Settings(parse, out var err);
            if (check is null) return GateCommand.Usage(context, err!);
            if (!RemediationScopes.TryParse(parse.GetValue(scope), out var s, out err)) return GateCommand.Usage(context, err!);
            var max = parse.GetValue(maxChanges);
            if (max < 0) return GateCommand.Usage(context, $"invalid --max-changes {max}: use 0 or more");
            var settings = new RemediateHandler.RemediateSettings(check)
            {
                Scope = s, Apply = parse.GetValue(apply), MaxChanges = max, AuditLog = parse.GetValue(auditLog),
            };
            return await new RemediateHandler(context).RunAsync(settings, ct);
        });
        return command;
    }
}
