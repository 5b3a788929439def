using Amazon.Runtime;
using DriftGuard.Aws.Live;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DriftGuard.Aws.Tests.Live;

/// <summary>The live reader against a WireMock EC2/STS endpoint speaking the Query protocol (XML responses).</summary>
public sealed class Ec2LiveReaderTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private static readonly AWSCredentials TestCredentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret");

    public void Dispose() => _server.Stop();

    private LiveReaderOptions Options(params string[] regions) =>
        new() { Regions = regions, EndpointUrl = _server.Url, Credentials = TestCredentials };

    private static Ec2LiveReader Reader(Dictionary<string, string>? env = null) => new(name => env?.GetValueOrDefault(name));

    private void Stub(string action, string body, int status = 200, string? bodyAlso = null, string? region = null, int priority = 10)
    {
        var request = Request.Create().WithPath("/").UsingPost().WithBody(new RegexMatcher($"(^|&)Action={action}(&|$)"));
        if (bodyAlso is not null) request = request.WithBody(new RegexMatcher(bodyAlso));
        if (region is not null) request = request.WithHeader("Authorization", new WildcardMatcher($"*/{region}/*", true));
        _server.Given(request).AtPriority(priority)
               .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/xml").WithBody(body));
    }

    private string[] Bodies(string action) =>
        [.. _server.LogEntries.Select(e => e.RequestMessage.Body ?? "").Where(b => b.Contains($"Action={action}", StringComparison.Ordinal))];

    [Fact]
    public async Task ReadAsync_WhenGroupsSpanTwoPages_ShouldReadEveryPageAndNothingMore()
    {
        // Given two pages of groups and one page of rules
        Stub("DescribeSecurityGroups", Ec2Xml.SecurityGroups("page-2", Ec2Xml.Group("sg-1", "web", "vpc-1", (443, "10.0.0.0/8"))));
        Stub("DescribeSecurityGroups", Ec2Xml.SecurityGroups(null, Ec2Xml.Group("sg-2", "db", "vpc-1", (5432, "10.0.0.0/8"))),
             bodyAlso: "NextToken=page-2", priority: 1);
        Stub("DescribeSecurityGroupRules", Ec2Xml.SecurityGroupRules(null,
            Ec2Xml.Rule("sgr-1", "sg-1", false, "tcp", 443, 443, "10.0.0.0/8"),
            Ec2Xml.Rule("sgr-2", "sg-2", false, "tcp", 5432, 5432, "10.0.0.0/8", "postgres")));
        // When
        var snapshot = await Reader().ReadAsync(Options("us-east-1"), CancellationToken.None);
        // Then
        snapshot.Alerts.ShouldBeEmpty();
        snapshot.Complete.ShouldBeTrue();
        snapshot.Groups.Select(g => g.GroupId).ShouldBe(["sg-1", "sg-2"]);
        snapshot.Groups.Single(g => g.GroupId == "sg-2").Rules.ShouldHaveSingleItem().RuleId.ShouldBe("sgr-2");
        snapshot.Groups.ShouldAllBe(g => g.Region == "us-east-1" && g.Name != null);
        _server.LogEntries.Count().ShouldBe(3);
        snapshot.ApiCalls.ShouldBe(3);
        Bodies("DescribeSecurityGroups").ShouldAllBe(b => b.Contains("MaxResults=1000"));
        Bodies("DescribeSecurityGroupRules").ShouldAllBe(b => b.Contains("MaxResults=1000"));
    }

    [Fact]
    public async Task ReadAsync_WhenDescribeSecurityGroupsIsUnauthorized_ShouldAlertNotThrow()
    {
        // Given
        Stub("DescribeSecurityGroups", Ec2Xml.Error("UnauthorizedOperation", "You are not authorized to perform this operation."), status: 403);
        // When
        var snapshot = await Reader().ReadAsync(Options("us-east-1"), CancellationToken.None);
        // Then
        snapshot.Complete.ShouldBeFalse();
        snapshot.Groups.ShouldBeEmpty();
        var alert = snapshot.Alerts.ShouldHaveSingleItem();
        alert.Message.ShouldStartWith("access denied: ec2:DescribeSecurityGroups in us-east-1");
        alert.Message.ShouldContain("UnauthorizedOperation");
    }

    [Fact]
    public async Task ReadAsync_WhenRuleListingIsDenied_ShouldFallBackToGroupPermissionsAndAlert()
    {
        // Given
        Stub("DescribeSecurityGroups", Ec2Xml.SecurityGroups(null, Ec2Xml.Group("sg-1", "web", "vpc-1", (22, "0.0.0.0/0"))));
        Stub("DescribeSecurityGroupRules", Ec2Xml.Error("UnauthorizedOperation", "not allowed"), status: 403);
        // When
        var snapshot = await Reader().ReadAsync(Options("us-east-1"), CancellationToken.None);
        // Then the rules are still all there, without ids
        snapshot.Complete.ShouldBeTrue();
        snapshot.Groups.Single().Rules.Select(r => r.ToString()).ShouldBe(["sg-1 ingress tcp/22 0.0.0.0/0", "sg-1 egress all 0.0.0.0/0"]);
        snapshot.Alerts.ShouldHaveSingleItem().Message.ShouldContain("without rule ids");
    }

    [Fact]
    public async Task ReadAsync_WhenVpcFilterGiven_ShouldSendTheVpcIdFilter()
    {
        // Given
        Stub("DescribeSecurityGroups", Ec2Xml.SecurityGroups(null));
        Stub("DescribeSecurityGroupRules", Ec2Xml.SecurityGroupRules(null));
        // When
        await Reader().ReadAsync(Options("us-east-1") with { VpcIds = ["vpc-0abc"] }, CancellationToken.None);
        // Then
        var body = Bodies("DescribeSecurityGroups").ShouldHaveSingleItem();
        body.ShouldContain("Filter.1.Name=vpc-id");
        body.ShouldContain("Filter.1.Value.1=vpc-0abc");
    }

    [Fact]
    public async Task ReadAsync_WhenAllRegions_ShouldReadEachRegionDescribeRegionsReturns()
    {
        // Given two enabled regions, one of which denies access
        Stub("DescribeRegions", Ec2Xml.Regions("us-east-1", "eu-west-1"));
        Stub("DescribeSecurityGroups", Ec2Xml.SecurityGroups(null, Ec2Xml.Group("sg-1", "web", "vpc-1")), region: "us-east-1");
        Stub("DescribeSecurityGroups", Ec2Xml.Error("AuthFailure", "region disabled"), status: 401, region: "eu-west-1");
        Stub("DescribeSecurityGroupRules", Ec2Xml.SecurityGroupRules(null));
        // When
        var snapshot = await Reader().ReadAsync(Options() with { AllRegions = true }, CancellationToken.None);
        // Then
        snapshot.Regions.ShouldBe(["us-east-1", "eu-west-1"]);
        snapshot.Groups.ShouldHaveSingleItem().Region.ShouldBe("us-east-1");
        snapshot.Alerts.ShouldHaveSingleItem().Message.ShouldContain("in eu-west-1");
        snapshot.Complete.ShouldBeFalse();
    }

    [Fact]
    public async Task ReadAsync_WhenRoleArnGiven_ShouldAssumeItAndSignWithTheSessionCredentials()
    {
        // Given an STS endpoint (AWS_ENDPOINT_URL_STS) and EC2 answering only the session token
        Stub("AssumeRole", Ec2Xml.AssumeRole("ASIASESSION", "session-secret", "session-token"));
        _server.Given(Request.Create().WithPath("/").UsingPost().WithBody(new RegexMatcher("Action=DescribeSecurityGroups(&|$)"))
                   .WithHeader("X-Amz-Security-Token", "session-token"))
               .RespondWith(Response.Create().WithHeader("Content-Type", "text/xml")
                   .WithBody(Ec2Xml.SecurityGroups(null, Ec2Xml.Group("sg-9", "audit", "vpc-9")) ));
        Stub("DescribeSecurityGroupRules", Ec2Xml.SecurityGroupRules(null));
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_STS"] = _server.Url!, ["AWS_ENDPOINT_URL_EC2"] = _server.Url! };
        var options = new LiveReaderOptions { Regions = ["us-east-1"], RoleArns = ["arn:aws:iam::222233334444:role/audit"], Credentials = TestCredentials };
        // When
        var snapshot = await Reader(env).ReadAsync(options, CancellationToken.None);
        // Then
        snapshot.Alerts.ShouldBeEmpty();
        snapshot.Groups.ShouldHaveSingleItem().GroupId.ShouldBe("sg-9");
        Bodies("AssumeRole").ShouldHaveSingleItem().ShouldContain("RoleArn=arn%3Aaws%3Aiam%3A%3A222233334444%3Arole%2Faudit");
        snapshot.ApiCalls.ShouldBe(3);
    }

    [Fact]
    public async Task ReadAsync_WhenAssumeRoleIsDenied_ShouldAlertAndReadNothingForThatRole()
    {
        // Given
        Stub("AssumeRole", """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not trusted</Message></Error><RequestId>r</RequestId></ErrorResponse>""", status: 403);
        var options = Options("us-east-1") with { RoleArns = ["arn:aws:iam::222233334444:role/audit"] };
        // When
        var snapshot = await Reader().ReadAsync(options, CancellationToken.None);
        // Then
        snapshot.Complete.ShouldBeFalse();
        snapshot.Alerts.ShouldHaveSingleItem().Message.ShouldStartWith("access denied: sts:AssumeRole");
        Bodies("DescribeSecurityGroups").ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAsync_WhenEndpointComesFromEnvironment_ShouldUseIt()
    {
        // Given no endpoint option, AWS_ENDPOINT_URL set
        Stub("DescribeSecurityGroups", Ec2Xml.SecurityGroups(null, Ec2Xml.Group("sg-1", "web", "vpc-1")));
        Stub("DescribeSecurityGroupRules", Ec2Xml.SecurityGroupRules(null));
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = _server.Url!, ["AWS_REGION"] = "ap-southeast-2" };
        // When
        var snapshot = await Reader(env).ReadAsync(new LiveReaderOptions { Credentials = TestCredentials }, CancellationToken.None);
        // Then
        snapshot.Groups.ShouldHaveSingleItem().Region.ShouldBe("ap-southeast-2");
        _server.LogEntries.First().RequestMessage.Headers!["Authorization"].Single().ShouldContain("/ap-southeast-2/ec2/");
    }

    [Fact]
    public async Task ReadAsync_WhenRegionIsUnreachable_ShouldAlertNotThrow()
    {
        // Given an endpoint nobody listens on
        var closed = WireMockServer.Start();
        var url = closed.Url!;
        closed.Stop();
        var options = new LiveReaderOptions { Regions = ["us-east-1"], EndpointUrl = url, Credentials = TestCredentials };
        // When
        var snapshot = await Reader().ReadAsync(options, CancellationToken.None);
        // Then
        snapshot.Complete.ShouldBeFalse();
        snapshot.Alerts.ShouldHaveSingleItem().Message.ShouldStartWith("cannot read: ec2:DescribeSecurityGroups in us-east-1");
    }

    [Fact]
    public async Task ReadAsync_WhenEndpointIsNotAUrl_ShouldAlertNotThrow()
    {
        // Given / When
        var snapshot = await Reader().ReadAsync(new LiveReaderOptions { EndpointUrl = "localhost:4566", Credentials = TestCredentials }, CancellationToken.None);
        // Then
        snapshot.Complete.ShouldBeFalse();
        snapshot.Alerts.ShouldHaveSingleItem().Message.ShouldStartWith("invalid EC2 endpoint URL 'localhost:4566'");
    }

    [Fact]
    public void Ec2Config_WhenEndpointGiven_ShouldSetServiceUrlSigningRegionAndRetryMode()
    {
        // Given / When
        var config = Reader().Ec2Config("eu-central-1", new LiveReaderOptions { EndpointUrl = "http://localhost:4566", RetryMode = RequestRetryMode.Adaptive });
        // Then
        config.ServiceURL.ShouldStartWith("http://localhost:4566");
        config.AuthenticationRegion.ShouldBe("eu-central-1");
        config.RetryMode.ShouldBe(RequestRetryMode.Adaptive);
    }
}
