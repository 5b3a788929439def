using System.Reflection;
using Amazon.EC2;
using Amazon.EC2.Model;
using DriftGuard.Aws.Remediation;
using DriftGuard.Core.Remediation;

namespace DriftGuard.Aws.Tests.Remediation;

/// <summary>Ctrl+C during <c>--apply</c>: the run stops at a safe point and every call EC2 applied keeps its audit record.</summary>
public sealed class Ec2RemediatorCancellationTests : RemediatorTestBase
{
    [Fact]
    public async Task Execute_WhenCancelledAfterTheFirstAppliedCall_ShouldStopAndKeepAnAuditRecordForEveryAppliedCall()
    {
        // Given: two groups with SSH open; Ctrl+C arrives just after EC2 applied the first group's revoke
        var first = await CreateGroupAsync("app");
        var second = await CreateGroupAsync("db");
        var ssh1 = await AddIngressAsync(first, 22, "0.0.0.0/0");
        var ssh2 = await AddIngressAsync(second, 22, "0.0.0.0/0");
        using var cts = new CancellationTokenSource();
        var remediator = new Ec2Remediator(RemediatorOptions,
            region => CancellingEc2.Wrap(RemediatorClient(region), nameof(IAmazonEC2.RevokeSecurityGroupIngressAsync), cts, beforeCall: false), null);
        var plan = new RemediationPlan(RemediationScope.All,
            [Group(first, Revoke(first, ssh1, 22, "0.0.0.0/0")), Group(second, Revoke(second, ssh2, 22, "0.0.0.0/0"))], []);
        // When
        var run = await remediator.ExecuteAsync(plan, cts.Token);
        // Then: one revoke reached EC2, it has its "applied" record, and the second group was never touched
        run.Cancelled.ShouldBeTrue();
        RemediatorCalls().Where(c => !c.EndsWith("(dry-run)", StringComparison.Ordinal)).ShouldBe(["RevokeSecurityGroupIngress"]);
        run.Actions.Where(a => a.Outcome == "applied").ShouldHaveSingleItem().Group.ShouldBe(first);
        Ingress(first).ShouldBeEmpty();
        Ingress(second).ShouldBe(["tcp/22 0.0.0.0/0"]);
        run.Groups[0].Done.ShouldHaveSingleItem();
        run.Groups[1].Remaining.ShouldBe(["revoke-ingress ingress:tcp:22:0.0.0.0/0: not done"]);
    }

    [Fact]
    public async Task Execute_WhenCancelledWhileAWriteIsInFlight_ShouldFinishThatWriteAndRecordIt()
    {
        // Given: Ctrl+C arrives while the revoke is on its way to EC2
        var group = await CreateGroupAsync("app");
        var ssh = await AddIngressAsync(group, 22, "0.0.0.0/0");
        using var cts = new CancellationTokenSource();
        var remediator = new Ec2Remediator(RemediatorOptions,
            region => CancellingEc2.Wrap(RemediatorClient(region), nameof(IAmazonEC2.RevokeSecurityGroupIngressAsync), cts, beforeCall: true), null);
        // When
        var run = await remediator.ExecuteAsync(new RemediationPlan(RemediationScope.All, [Group(group, Revoke(group, ssh, 22, "0.0.0.0/0"))], []), cts.Token);
        // Then: the call made is the call recorded
        run.Cancelled.ShouldBeTrue();
        Ingress(group).ShouldBeEmpty();
        run.Actions.Select(a => $"{a.Action} {a.Outcome}").ShouldBe(["dry-run:revoke-ingress permitted", "revoke-ingress applied"]);
    }

    /// <summary>
    /// An <see cref="IAmazonEC2"/> that cancels a token around the real (non-DryRun) call of one method: just before
    /// forwarding it, or once EC2 has answered.
    /// </summary>
    public class CancellingEc2 : DispatchProxy
    {
        private IAmazonEC2 _inner = null!;
        private string _method = "";
        private CancellationTokenSource _cts = null!;
        private bool _beforeCall;

        public static IAmazonEC2 Wrap(IAmazonEC2 inner, string method, CancellationTokenSource cts, bool beforeCall)
        {
            var proxy = Create<IAmazonEC2, CancellingEc2>();
            var self = (CancellingEc2)(object)proxy;
            (self._inner, self._method, self._cts, self._beforeCall) = (inner, method, cts, beforeCall);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            var real = method!.Name == _method && args?[0] is AmazonEC2Request request &&
                       (bool?)request.GetType().GetProperty("DryRun")?.GetValue(request) != true;
            if (real && _beforeCall) _cts.Cancel();
            object? result;
            try { result = method.Invoke(_inner, args); }
            catch (TargetInvocationException e) { throw e.InnerException!; }
            if (!real || _beforeCall) return result;
            var then = typeof(CancellingEc2).GetMethod(nameof(CancelAfter), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]);
            return then.Invoke(this, [result]);
        }

        private async Task<T> CancelAfter<T>(Task<T> call)
        {
            var response = await call.ConfigureAwait(false);
            await _cts.CancelAsync().ConfigureAwait(false);
            return response;
        }
    }
}
