using Amazon.EC2;
using Amazon.Runtime;
using DriftGuard.Sandbox;

namespace DriftGuard.Cli.Demo;

/// <summary>
/// The demo's world: a sandbox in process, the example stack "applied" to it the way Terraform would
/// (groups created, AWS's default egress removed, declared rules authorized, ids written back into a copy of
/// the state), and the people who act on it.
/// </summary>
internal sealed class DemoWorld : IAsyncDisposable
{
    public const string TerraformKey = "AKIADEMOTERRAFORM01";
    public const string ConsoleKey = "AKIADEMOCONSOLEUSR1";
    public const string DriftGuardKey = "AKIADEMODRIFTGUARD1";
    /// <summary>A principal that may not describe security groups (AccessDenied paths).</summary>
    public const string DeniedKey = "AKIADEMODENIEDREAD1";
    public const string Secret = "demo-secret-key";
    public const string ConsolePrincipal = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0a1b2c3d/alice@example.com";

    private DemoWorld(SandboxServer server, string statePath, IReadOnlyDictionary<string, string> ids)
    {
        Server = server;
        StatePath = statePath;
        GroupIds = ids;
    }

    public SandboxServer Server { get; }

    /// <summary>The applied state: the example state with the sandbox's group ids.</summary>
    public string StatePath { get; }

    /// <summary>Terraform address → sandbox group id.</summary>
    public IReadOnlyDictionary<string, string> GroupIds { get; }

    /// <param name="configure">Adjusts the sandbox options (e.g. watch mode's event queue); null keeps them.</param>
    public static async Task<DemoWorld> StartAsync(string exampleState, int port, CancellationToken ct, Func<SandboxOptions, SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions
        {
            Port = port,
            Principals = new Dictionary<string, string>
            {
                [TerraformKey] = "arn:aws:iam::123456789012:user/terraform-ci",
                [ConsoleKey] = ConsolePrincipal,
                [DriftGuardKey] = "arn:aws:sts::123456789012:assumed-role/DriftGuard/driftguard",
                [DeniedKey] = "arn:aws:sts::123456789012:assumed-role/ReadOnlyNoEc2/auditor",
            },
            DeniedActions = new Dictionary<string, IReadOnlySet<string>>
            {
                [DeniedKey] = new HashSet<string> { "ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules" },
            },
        };
        var server = await SandboxServer.StartAsync(configure is null ? options : configure(options), ct);
        try
        {
            var (statePath, ids) = await ApplyAsync(server, exampleState, ct);
            return new DemoWorld(server, statePath, ids);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public AmazonEC2Client Client(string accessKey) => new(new BasicAWSCredentials(accessKey, Secret), new AmazonEC2Config
    {
        ServiceURL = Server.Endpoint.ToString(),
        AuthenticationRegion = "us-east-1",
    });

    /// <summary>What Terraform apply does with the example state (see <see cref="ExampleStackApplier"/>), into a temporary copy of the state.</summary>
    private static async Task<(string StatePath, IReadOnlyDictionary<string, string> Ids)> ApplyAsync(SandboxServer server, string exampleState, CancellationToken ct)
    {
        using var ec2 = new AmazonEC2Client(new BasicAWSCredentials(TerraformKey, Secret), new AmazonEC2Config
        {
            ServiceURL = server.Endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
        });
        var dir = Directory.CreateTempSubdirectory("driftguard-demo-").FullName;
        var statePath = Path.Combine(dir, "terraform.tfstate");
        var ids = await ExampleStackApplier.ApplyAsync(ec2, server.State.DefaultVpcId, exampleState, statePath, ct);
        return (statePath, ids);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(Path.GetDirectoryName(StatePath)!, recursive: true); }
        catch (IOException) { /* a temp folder left behind is harmless */ }
    }
}
