using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using DriftGuard.Aws.Remediation;
using DriftGuard.Aws.Tests.Sandbox;
using DriftGuard.Core.Model;
using DriftGuard.Core.Remediation;
using DriftGuard.Sandbox;
using Direction = DriftGuard.Core.Model.Direction;

namespace DriftGuard.Aws.Tests.Remediation;

/// <summary>A sandbox with one group, plans built by hand, and the real remediator pointed at it.</summary>
public abstract class RemediatorTestBase : SandboxTestBase
{
    protected const string RemediatorKey = "AKIAREMEDIATOR000001";
    protected const string RemediatorArn = "arn:aws:sts::123456789012:assumed-role/DriftGuard/remediate";

    protected override SandboxOptions Options => new()
    {
        Principals = new Dictionary<string, string> { [RemediatorKey] = RemediatorArn },
    };

    protected Ec2RemediatorOptions RemediatorOptions => new()
    {
        EndpointUrl = Server.Endpoint.ToString(),
        Credentials = new BasicAWSCredentials(RemediatorKey, "secret"),
        VerifyWindow = TimeSpan.FromSeconds(2),
    };

    protected Task<RemediationRun> ExecuteAsync(params GroupRemediation[] groups) =>
        new Ec2Remediator(RemediatorOptions).ExecuteAsync(new RemediationPlan(RemediationScope.All, groups, []), CancellationToken.None);

    protected Task<RemediationRun> ExecuteAsync(Func<string, IAmazonEC2> ec2, params GroupRemediation[] groups) =>
        new Ec2Remediator(RemediatorOptions, ec2, null).ExecuteAsync(new RemediationPlan(RemediationScope.All, groups, []), CancellationToken.None);

    protected IAmazonEC2 RemediatorClient(string region) => new AmazonEC2Client(new BasicAWSCredentials(RemediatorKey, "secret"),
        new AmazonEC2Config { ServiceURL = Server.Endpoint.ToString(), AuthenticationRegion = region });

    protected static GroupRemediation Group(string groupId, params RemediationStep[] steps) =>
        new(groupId, steps) { Region = "us-east-1", Account = "123456789012" };

    protected static RemediationStep Authorize(string groupId, int port, string cidr, Direction direction = Direction.Ingress, string? description = null) =>
        new(RemediationActionKind.Authorize, new SgRule(groupId, direction, "tcp", port, port, Cidr.Parse(cidr)) { Description = description }, "missing");

    protected static RemediationStep Revoke(string groupId, string ruleId, int port, string cidr, Direction direction = Direction.Ingress) =>
        new(RemediationActionKind.Revoke, new SgRule(groupId, direction, "tcp", port, port, Cidr.Parse(cidr)) { RuleId = ruleId }, "unmanaged");

    /// <summary>Authorizes one ingress tcp rule as a console user would; returns its <c>sgr-</c> id.</summary>
    protected async Task<string> AddIngressAsync(string groupId, int port, string cidr, string? description = null)
    {
        var added = await Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = port, ToPort = port, Ipv4Ranges = [new IpRange { CidrIp = cidr, Description = description }] }],
        });
        return added.SecurityGroupRules[0].SecurityGroupRuleId;
    }

    /// <summary>The group's ingress rules as <c>tcp/PORT CIDR</c>, sorted.</summary>
    protected string[] Ingress(string groupId) =>
        [.. Server.State.RulesOf(groupId).Where(r => !r.IsEgress).Select(r => $"{r.IpProtocol}/{r.FromPort} {r.Source}").Order(StringComparer.Ordinal)];

    /// <summary>Mutating calls made with the remediator's key, as <c>Action</c> or <c>Action(dry-run)</c>.</summary>
    protected string[] RemediatorCalls() =>
        [.. Server.State.Calls.Where(c => c.AccessKeyId == RemediatorKey)
            .Select(c => c.Parameters.TryGetValue("DryRun", out var d) && d == "true" ? $"{c.Action}(dry-run)" : c.Action)];
}
