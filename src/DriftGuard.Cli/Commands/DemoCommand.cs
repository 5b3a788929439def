using System.CommandLine;
using DriftGuard.Cli.Demo;

namespace DriftGuard.Cli.Commands;

/// <summary><c>driftguard demo</c>: run the whole story against an in-process sandbox.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Option<string>("--state") { Description = "Terraform state of the example stack.", DefaultValueFactory = _ => "iac/compliant/terraform/terraform.tfstate" };
        var port = new Option<int>("--port") { Description = "Sandbox port (0 = any free port).", DefaultValueFactory = _ => 0 };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var watch = new Option<bool>("--watch") { Description = "Run the story live: driftguard watch reverts the change within seconds, and the timeline is printed." };
        var command = new Command("demo", "Start a sandbox, apply the example stack, make the out-of-band SSH change, and catch it.") { state, port, format, output, watch };
        command.SetAction(async (parse, ct) =>
        {
            if (SandboxPort.Problem(parse.GetValue(port)) is { } portProblem) return GateCommand.Usage(context, portProblem);
            if (parse.GetValue(watch)) return await new DemoWatchHandler(context).RunAsync(parse.GetValue(state)!, parse.GetValue(port), ct);
            var targets = OutputTargets.Pair(parse.GetValue(format) ?? [], parse.GetValue(output) ?? [], out var err);
            if (err is not null) return GateCommand.Usage(context, err);
            return await new DemoHandler(context).RunAsync(new DemoHandler.DemoSettings(parse.GetValue(state)!, parse.GetValue(port), targets), ct);
        });
        return command;
    }
}
