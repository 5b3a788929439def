using System.CommandLine;
using Amazon.EC2;
using Amazon.Runtime;
using DriftGuard.Cli.Demo;
using DriftGuard.Sandbox;

namespace DriftGuard.Cli.Commands;

/// <summary><c>driftguard sandbox</c>: serve the local EC2-compatible endpoint until interrupted.</summary>
internal static partial class SandboxCommand
{
    /// <summary>SQS queue names (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial System.Text.RegularExpressions.Regex QueueName();

    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port).", DefaultValueFactory = _ => 4566 };
        var state = new Option<string?>("--state") { Description = "JSON file holding the sandbox's world, so separate runs see the same groups." };
        var region = new Option<string>("--region") { Description = "Region the sandbox answers for.", DefaultValueFactory = _ => "us-east-1" };
        var seed = new Option<string?>("--seed-example")
        {
            Description = "Apply the example Terraform stack to the sandbox at start and write its state, with the sandbox's group ids, to FILE (for check --iac FILE).",
            HelpName = "OUT.tfstate",
        };
        var example = new Option<string>("--example-state")
        {
            Description = "Terraform state that --seed-example applies.",
            DefaultValueFactory = _ => "iac/compliant/terraform/terraform.tfstate",
        };
        var eventQueue = new Option<string?>("--event-queue")
        {
            Description = "Also serve SQS with a queue of this name that receives the CloudTrail event (EventBridge shape) of every security-group change, for watch --queue-url.",
            HelpName = "NAME",
        };
        var command = new Command("sandbox", "Serve a local EC2-compatible endpoint (security-group API and STS) on 127.0.0.1.") { port, state, region, seed, example, eventQueue };
        command.SetAction(async (parse, ct) =>
        {
            var statePath = parse.GetValue(state);
            var portNumber = parse.GetValue(port);
            if (SandboxPort.Problem(portNumber) is { } portProblem) return GateCommand.Usage(context, portProblem);
            if (parse.GetValue(eventQueue) is { } queueName && !QueueName().IsMatch(queueName))
                return GateCommand.Usage(context, $"--event-queue {queueName}: an SQS queue name is 1 to 80 letters, digits, hyphens or underscores");
            if (statePath is not null && Directory.Exists(context.Resolve(statePath)))
                return GateCommand.Usage(context, $"--state {statePath}: is a directory; give the JSON file that keeps the sandbox's world (created when missing)");
            SandboxServer server;
            try
            {
                server = await SandboxServer.StartAsync(new SandboxOptions
                {
                    Port = portNumber,
                    StateFile = statePath is null ? null : context.Resolve(statePath),
                    Region = parse.GetValue(region)!,
                    EventQueueName = parse.GetValue(eventQueue),
                }, ct);
            }
            catch (InvalidDataException ex)
            {
                return GateCommand.Usage(context, ex.Message); // names the state file, with line and column when known
            }
            catch (IOException ex)
            {
                return GateCommand.Usage(context, SandboxPort.CannotListen(portNumber, ex));
            }
            await using var _ = server;
            var seedPath = parse.GetValue(seed);
            if (seedPath is not null && await SeedAsync(context, server, parse.GetValue(example)!, seedPath, parse.GetValue(region)!, ct) is { } seedError)
                return seedError;
            // Applying the example stack is set-up, not changes for watch to see.
            server.EventQueue?.Purge();
            context.Out.WriteLine($"DriftGuard sandbox listening on {server.Endpoint}");
            context.Out.WriteLine($"  export AWS_ENDPOINT_URL={server.Endpoint.ToString().TrimEnd('/')} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION={parse.GetValue(region)} AWS_DEFAULT_REGION={parse.GetValue(region)}");
            context.Out.WriteLine($"  aws --endpoint-url {server.Endpoint.ToString().TrimEnd('/')} ec2 describe-security-groups   # older AWS CLIs ignore AWS_ENDPOINT_URL");
            if (server.EventQueue is { } queue)
                context.Out.WriteLine($"  event queue: driftguard watch --queue-url {queue.Url} --endpoint-url {server.Endpoint.ToString().TrimEnd('/')} --iac STATE");
            context.Out.WriteLine("Press Ctrl+C to stop.");
            context.Out.Flush();
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { /* Ctrl+C: stop cleanly */ }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>--seed-example</c>: applies <paramref name="example"/> to the running sandbox and writes the state with the new
    /// ids to <paramref name="output"/>; null when done, else the exit code (2) after a one-line error.
    /// </summary>
    private static async Task<int?> SeedAsync(CliContext context, SandboxServer server, string example, string output, string region, CancellationToken ct)
    {
        var examplePath = context.Resolve(example);
        if (!File.Exists(examplePath))
            return GateCommand.Usage(context, $"{example}: example state not found (run from the repository root or pass --example-state)");
        using var ec2 = new AmazonEC2Client(new BasicAWSCredentials("AKIASANDBOXSEEDER001", "sandbox"), new AmazonEC2Config
        {
            ServiceURL = server.Endpoint.ToString(),
            AuthenticationRegion = region,
        });
        try
        {
            var ids = await ExampleStackApplier.ApplyAsync(ec2, server.State.DefaultVpcId, examplePath, context.Resolve(output), ct);
            context.Out.WriteLine($"Applied {example}: {string.Join(", ", ids.Select(kv => $"{kv.Key} = {kv.Value}"))}");
            context.Out.WriteLine($"Wrote {output}: driftguard check --iac {output} --endpoint-url {server.Endpoint.ToString().TrimEnd('/')} --region {region}");
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return GateCommand.Usage(context, ex.Message.StartsWith("error: ", StringComparison.Ordinal) ? ex.Message[7..] : ex.Message);
        }
        catch (AmazonEC2Exception ex)
        {
            // InvalidGroup.Duplicate: a --state world that already holds the stack.
            return GateCommand.Usage(context, $"{example}: cannot apply the example stack to the sandbox: {ex.ErrorCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return GateCommand.Usage(context, $"{output}: cannot write the state: {ex.Message}");
        }
    }
}
