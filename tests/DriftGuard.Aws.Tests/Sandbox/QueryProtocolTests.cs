using System.Net;
using System.Xml.Linq;

namespace DriftGuard.Aws.Tests.Sandbox;

/// <summary>The wire protocol itself, spoken with a plain HttpClient: what any non-SDK client sees.</summary>
public sealed class QueryProtocolTests : SandboxTestBase
{
    private static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private const string SignedHeader =
        "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00";

    private async Task<(HttpStatusCode Status, XDocument Body)> SendAsync(HttpMethod method, string query, bool signed = true)
    {
        using var http = new HttpClient();
        using var request = method == HttpMethod.Get
            ? new HttpRequestMessage(HttpMethod.Get, new Uri(Server.Endpoint, "?" + query))
            : new HttpRequestMessage(HttpMethod.Post, Server.Endpoint) { Content = new StringContent(query, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        if (signed) request.Headers.TryAddWithoutValidation("Authorization", SignedHeader);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Get_WhenActionInQueryString_ShouldAnswerInEc2Namespace()
    {
        // When
        var (status, body) = await SendAsync(HttpMethod.Get, "Action=DescribeSecurityGroups&Version=2016-11-15");

        // Then
        status.ShouldBe(HttpStatusCode.OK);
        body.Root!.Name.ShouldBe(Ns + "DescribeSecurityGroupsResponse");
        body.Root.Element(Ns + "requestId")!.Value.ShouldNotBeNullOrEmpty();
        body.Root.Element(Ns + "securityGroupInfo")!.Elements(Ns + "item").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Post_WhenActionUnknown_ShouldFailWithInvalidActionInEc2ErrorEnvelope()
    {
        // When
        var (status, body) = await SendAsync(HttpMethod.Post, "Action=RunInstances&Version=2016-11-15");

        // Then
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Root!.Name.LocalName.ShouldBe("Response");
        body.Root.Element("Errors")!.Element("Error")!.Element("Code")!.Value.ShouldBe("InvalidAction");
        body.Root.Element("RequestID")!.Value.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Post_WhenUnsigned_ShouldFailWithAuthFailure401()
    {
        // When
        var (status, body) = await SendAsync(HttpMethod.Post, "Action=DescribeSecurityGroups&Version=2016-11-15", signed: false);

        // Then
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.Root!.Element("Errors")!.Element("Error")!.Element("Code")!.Value.ShouldBe("AuthFailure");
    }

    [Fact]
    public async Task DescribeSecurityGroups_WhenAllTrafficRule_ShouldOmitPortsButKeepEmptySourceLists()
    {
        // When
        var (_, body) = await SendAsync(HttpMethod.Post, "Action=DescribeSecurityGroups&Version=2016-11-15");

        // Then
        var egress = body.Descendants(Ns + "ipPermissionsEgress").Single().Element(Ns + "item")!;
        egress.Element(Ns + "ipProtocol")!.Value.ShouldBe("-1");
        egress.Element(Ns + "fromPort").ShouldBeNull();
        egress.Element(Ns + "ipv6Ranges")!.HasElements.ShouldBeFalse();
        egress.Element(Ns + "prefixListIds").ShouldNotBeNull();
    }

    [Fact]
    public async Task AuthorizeIngress_WhenManyClientsWriteConcurrently_ShouldKeepEveryRule()
    {
        // Given
        var groups = Enumerable.Range(0, 8).Select(i => Server.State.SeedGroup($"parallel-{i}")).ToList();

        // When
        await Task.WhenAll(groups.SelectMany(g => Enumerable.Range(0, 5).Select(port => AuthorizeAsync(g, Tcp(port, port, "10.0.0.0/8")))));

        // Then
        groups.ShouldAllBe(g => Server.State.RulesOf(g).Count(r => !r.IsEgress) == 5);
        Server.State.Calls.Count(c => c.Action == "AuthorizeSecurityGroupIngress" && c.Succeeded).ShouldBe(40);
    }
}
