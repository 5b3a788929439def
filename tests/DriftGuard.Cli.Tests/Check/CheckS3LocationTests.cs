using Amazon.EC2.Model;
using DriftGuard.Cli.Demo;

namespace DriftGuard.Cli.Tests.Check;

/// <summary><c>check --iac s3://bucket/key</c> names the state by its URI in every location, never by the downloaded copy.</summary>
public sealed class CheckS3LocationTests : IAsyncLifetime
{
    private const string StateUri = "s3://tfstate/shop/terraform.tfstate";
    private DemoWorld _world = null!;

    public async Task InitializeAsync()
    {
        // Given the applied state in an S3 backend (the sandbox serves path-style S3) and SSH opened to the world
        _world = await DemoWorld.StartAsync(Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"), 0, CancellationToken.None);
        using (var s3 = DriftGuard.Aws.State.S3StateFetcher.CreateClient(_world.Server.Endpoint.ToString(), "us-east-1",
                   new Amazon.Runtime.BasicAWSCredentials(DemoWorld.DriftGuardKey, DemoWorld.Secret)))
            await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "tfstate", Key = "shop/terraform.tfstate", FilePath = _world.StatePath });
        using var console = _world.Client(DemoWorld.ConsoleKey);
        await console.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = _world.GroupIds["aws_security_group.app"],
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private CliRunner.Result Check(params string[] extra)
    {
        using var _ = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = DemoWorld.DriftGuardKey,
            ["AWS_SECRET_ACCESS_KEY"] = DemoWorld.Secret,
        });
        return CliRunner.Run(["check", "--iac", StateUri, "--endpoint-url", _world.Server.Endpoint.ToString(), "--region", "us-east-1", .. extra]);
    }

    [Fact]
    public void Check_WhenTheStateIsInS3_ShouldShowTheS3UriAsTheDriftLocation()
    {
        // When
        var result = Check();
        // Then
        result.ExitCode.ShouldBe(1, result.Error);
        result.Out.ShouldContain($"{StateUri}:92");
        result.Out.ShouldNotContain("driftguard-s3-");
    }

    [Fact]
    public void Check_WhenTheStateIsInS3InJson_ShouldGiveTheS3UriAsTheDriftFile()
    {
        // When
        var result = Check("--format", "json");
        // Then
        result.Json().RootElement.GetProperty("drifts").EnumerateArray().ShouldHaveSingleItem().GetProperty("file").GetString().ShouldBe(StateUri);
        result.Out.ShouldNotContain("driftguard-s3-");
    }

    [Fact]
    public void Check_WhenTheStateIsInS3InSarif_ShouldUseTheS3UriAsTheArtifactUri()
    {
        // When
        var result = Check("--format", "sarif");
        // Then
        var location = result.Json().RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")).First();
        location.GetProperty("uri").GetString().ShouldBe(StateUri);
        location.TryGetProperty("uriBaseId", out _).ShouldBeFalse();
    }
}
