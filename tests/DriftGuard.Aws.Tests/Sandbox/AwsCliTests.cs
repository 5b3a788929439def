using System.Text.Json;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class AwsCliTests : SandboxTestBase
{
    private async Task<JsonElement> AwsJsonAsync(params string[] arguments)
    {
        var (code, stdout, stderr) = await AwsCli.RunAsync(Server.Endpoint, arguments);
        code.ShouldBe(0, $"aws {string.Join(' ', arguments)} failed: {stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }

    [AwsCliFact]
    public async Task DescribeSecurityGroups_WhenCalledFromCli_ShouldListTheDefaultGroup()
    {
        // When
        var output = await AwsJsonAsync("ec2", "describe-security-groups");

        // Then
        var group = output.GetProperty("SecurityGroups").EnumerateArray().ShouldHaveSingleItem();
        group.GetProperty("GroupName").GetString().ShouldBe("default");
        group.GetProperty("IpPermissionsEgress")[0].GetProperty("IpRanges")[0].GetProperty("CidrIp").GetString().ShouldBe("0.0.0.0/0");
    }

    [AwsCliFact]
    public async Task AuthorizeIngress_WhenCalledFromCli_ShouldCreateRulesVisibleToDescribeSecurityGroupRules()
    {
        // Given
        var groupId = (await AwsJsonAsync("ec2", "create-security-group", "--group-name", "cli", "--description", "from the cli"))
            .GetProperty("GroupId").GetString()!;

        // When
        await AwsJsonAsync("ec2", "authorize-security-group-ingress", "--group-id", groupId, "--ip-permissions",
            """[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.0.0.0/8","Description":"corp"}],"Ipv6Ranges":[{"CidrIpv6":"2001:db8::/32"}]}]""");
        var rules = await AwsJsonAsync("ec2", "describe-security-group-rules", "--filters", $"Name=group-id,Values={groupId}");

        // Then
        var ingress = rules.GetProperty("SecurityGroupRules").EnumerateArray().Where(r => !r.GetProperty("IsEgress").GetBoolean()).ToList();
        ingress.Select(r => r.TryGetProperty("CidrIpv4", out var v4) ? v4.GetString() : r.GetProperty("CidrIpv6").GetString())
            .ShouldBe(["10.0.0.0/8", "2001:db8::/32"], ignoreOrder: true);
    }

    [AwsCliFact]
    public async Task AuthorizeIngress_WhenCliSendsDuplicate_ShouldExitNonZeroWithInvalidPermissionDuplicate()
    {
        // Given
        var groupId = Server.State.SeedGroup("cli-dup");
        await AwsJsonAsync("ec2", "authorize-security-group-ingress", "--group-id", groupId, "--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8");

        // When
        var (code, _, stderr) = await AwsCli.RunAsync(Server.Endpoint,
            ["ec2", "authorize-security-group-ingress", "--group-id", groupId, "--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8"]);

        // Then
        code.ShouldNotBe(0);
        stderr.ShouldContain("InvalidPermission.Duplicate");
    }

    [AwsCliFact]
    public async Task CreateSecurityGroup_WhenCliPassesDryRun_ShouldReportDryRunOperation()
    {
        // When
        var (code, _, stderr) = await AwsCli.RunAsync(Server.Endpoint,
            ["ec2", "create-security-group", "--group-name", "dry", "--description", "dry", "--dry-run"]);

        // Then
        code.ShouldNotBe(0);
        stderr.ShouldContain("DryRunOperation");
        Server.State.Groups.ShouldNotContain(g => g.GroupName == "dry");
    }

    [AwsCliFact]
    public async Task GetCallerIdentity_WhenCalledFromCli_ShouldReturnTheDefaultPrincipal()
    {
        // When
        var identity = await AwsJsonAsync("sts", "get-caller-identity");

        // Then
        identity.GetProperty("Arn").GetString().ShouldBe("arn:aws:iam::123456789012:user/sandbox");
        identity.GetProperty("Account").GetString().ShouldBe("123456789012");
    }
}
