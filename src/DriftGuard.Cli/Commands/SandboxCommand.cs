using System.CommandLine;
using DriftGuard.Sandbox;

namespace DriftGuard.Cli.Commands;

/// <summary><c>driftguard sandbox</c>: serve the local EC2-compatible endpoint until interrupted.</summary>
internal static class SandboxCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port).", DefaultValueFactory = _ => 4566 };
        var state = new Option<string?>("--state") { Description = "JSON file holding the sandbox's world, so separate runs see the same groups." };
        var region = new Option<string>("--region") { Description = "Region the sandbox answers for.", DefaultValueFactory = _ => "us-east-1" };
        var command = new Command("sandbox", "Serve a local EC2-compatible endpoint (security-group API and STS) on 127.0.0.1.") { port, state, region };
        command.SetAction(async (parse, ct) =>
        {
            var statePath = parse.GetValue(state);
            var portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535) return GateCommand.Usage(context, $"--port {portNumber}: use 0 (any free port) to 65535");
            SandboxServer server;
            try
            {
                server = await SandboxServer.StartAsync(new SandboxOptions
                {
                    Port = portNumber,
                    StateFile = statePath is null ? null : context.Resolve(statePath),
                    Region = parse.GetValue(region)!,
                }, ct);
            }
            catch (InvalidDataException ex)
            {
                return GateCommand.Usage(context, $"{statePath}: cannot read the sandbox state: {ex.Message}");
            }
            catch (IOException ex)
            {
                return GateCommand.Usage(context, $"cannot listen on 127.0.0.1:{portNumber}: {ex.Message}");
            }
            await using var _ = server;
            context.Out.WriteLine($"DriftGuard sandbox listening on {server.Endpoint}");
            context.Out.WriteLine($"  export AWS_ENDPOINT_URL={server.Endpoint.ToString().TrimEnd('/')} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION={parse.GetValue(region)} AWS_DEFAULT_REGION={parse.GetValue(region)}");
            context.Out.WriteLine($"  aws --endpoint-url {server.Endpoint.ToString().TrimEnd('/')} ec2 describe-security-groups   # older AWS CLIs ignore AWS_ENDPOINT_URL");
            context.Out.WriteLine("Press Ctrl+C to stop.");
            context.Out.Flush();
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { /* Ctrl+C: stop cleanly */ }
            return 0;
        });
        return command;
    }
}
