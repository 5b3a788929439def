using System.Net;
using System.Reflection;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using DriftGuard.Core.Remediation;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Remediation;

/// <summary>Quota, throttling and a failure midway, against the sandbox.</summary>
public sealed class Ec2RemediatorFaultTests : RemediatorTestBase
{
    protected override SandboxOptions Options => base.Options with { RulesPerSecurityGroup = 2 };

    [Fact]
    public async Task Execute_WhenAuthorizingFirstWouldExceedTheQuota_ShouldRevokeFirstAndSaySo()
    {
        // Given: the group is at its quota of 2 ingress rules; one must be swapped for a declared one
        var group = await CreateGroupAsync("app");
        await AddIngressAsync(group, 443, "10.0.0.0/8");
        var ssh = await AddIngressAsync(group, 22, "0.0.0.0/0");
        // When
        var run = await ExecuteAsync(Group(group, Authorize(group, 22, "203.0.113.0/24"), Revoke(group, ssh, 22, "0.0.0.0/0")));
        // Then
        Ingress(group).ShouldBe(["tcp/22 203.0.113.0/24", "tcp/443 10.0.0.0/8"]);
        run.Groups[0].Status.ShouldBe(GroupStatus.Verified);
        run.Groups[0].Notes.ShouldHaveSingleItem().ShouldContain("RulesPerSecurityGroupLimitExceeded");
        RemediatorCalls().Where(c => !c.EndsWith("(dry-run)", StringComparison.Ordinal))
            .ShouldBe(["AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress", "AuthorizeSecurityGroupIngress"]);
    }

    [Fact]
    public async Task Execute_WhenARevokeFailsMidway_ShouldStopThatGroupAndTheNextRunShouldFinishTheJob()
    {
        // Given: EC2 fails the real revoke (not its dry run) once
        var group = await CreateGroupAsync("app");
        var ssh = await AddIngressAsync(group, 22, "0.0.0.0/0");
        var plan = Group(group, Authorize(group, 22, "203.0.113.0/24"), Revoke(group, ssh, 22, "0.0.0.0/0"),
            new RemediationStep(RemediationActionKind.UpdateDescription,
                new Core.Model.SgRule(group, Core.Model.Direction.Ingress, "tcp", 22, 22, Core.Model.Cidr.Parse("203.0.113.0/24")) { Description = "office" }, "x"));
        // When
        var first = await ExecuteAsync(region => FailingEc2.Wrap(RemediatorClient(region), nameof(IAmazonEC2.RevokeSecurityGroupIngressAsync)), plan);
        var second = await ExecuteAsync(Group(group, Revoke(group, ssh, 22, "0.0.0.0/0")));
        // Then
        var failed = first.Groups.ShouldHaveSingleItem();
        failed.Status.ShouldBe(GroupStatus.Failed);
        failed.Error!.ShouldStartWith("InternalError");
        failed.Done.ShouldHaveSingleItem().Action.ShouldBe(RemediationActionKind.Authorize);
        failed.Remaining.ShouldBe(["revoke-ingress ingress:tcp:22:0.0.0.0/0: not done", "update-description-ingress ingress:tcp:22:203.0.113.0/24: not done"]);
        RemediatorCalls().ShouldNotContain("UpdateSecurityGroupRuleDescriptionsIngress");
        second.Verified.ShouldBeTrue();
        Ingress(group).ShouldBe(["tcp/22 203.0.113.0/24"]);
    }

    /// <summary>An <see cref="IAmazonEC2"/> that forwards every call but fails the real (non-DryRun) call of one method.</summary>
    public class FailingEc2 : DispatchProxy
    {
        private IAmazonEC2 _inner = null!;
        private string _method = "";

        public static IAmazonEC2 Wrap(IAmazonEC2 inner, string method)
        {
            var proxy = Create<IAmazonEC2, FailingEc2>();
            var self = (FailingEc2)(object)proxy;
            self._inner = inner;
            self._method = method;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == _method && args?[0] is AmazonEC2Request { } request && DryRunOf(request) != true)
            {
                var error = new AmazonEC2Exception("An internal error has occurred", ErrorType.Receiver, "InternalError", "req-failed", HttpStatusCode.InternalServerError);
                var fromException = typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethod)
                    .MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]);
                return fromException.Invoke(null, [error]);
            }
            try { return method.Invoke(_inner, args); }
            catch (TargetInvocationException e) { throw e.InnerException!; }
        }

        private static bool? DryRunOf(AmazonEC2Request request) => (bool?)request.GetType().GetProperty("DryRun")?.GetValue(request);
    }
}

/// <summary>Throttling: every 3rd request fails with RequestLimitExceeded and the SDK retries it.</summary>
public sealed class Ec2RemediatorThrottlingTests : RemediatorTestBase
{
    protected override SandboxOptions Options => base.Options with { ThrottleEveryNth = 3 };

    [Fact]
    public async Task Execute_WhenEc2Throttles_ShouldBeRetriedByTheSdkAndVerify()
    {
        // Given
        var group = await CreateGroupAsync("app");
        var ssh = await AddIngressAsync(group, 22, "0.0.0.0/0");
        // When
        var run = await ExecuteAsync(Group(group, Authorize(group, 443, "10.0.0.0/8"), Revoke(group, ssh, 22, "0.0.0.0/0")));
        // Then
        run.Verified.ShouldBeTrue();
        Ingress(group).ShouldBe(["tcp/443 10.0.0.0/8"]);
        Server.State.Calls.ShouldContain(c => c.ErrorCode == "RequestLimitExceeded");
    }
}
