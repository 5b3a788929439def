using DriftGuard.Sandbox.Ec2.Actions;
using DriftGuard.Sandbox.Protocol;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// Routes an EC2 Query request (<c>Action</c>, <c>Version=2016-11-15</c>) to its action and wraps the result in
/// <c>&lt;{Action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"&gt;&lt;requestId&gt;…</c>.
/// Actions run under the world's lock; every mutating call is recorded, and the world persisted, before the response is sent.
/// Unknown action → HTTP 400 <c>InvalidAction</c>; a <c>Version</c> other than 2016-11-15 → HTTP 400 <c>NoSuchVersion</c>
/// (a request without <c>Version</c> is served as 2016-11-15); a parameter the action does not take → HTTP 400
/// <c>UnknownParameter</c> (<see cref="ActionParameters"/>).
/// </summary>
internal static class Ec2Dispatcher
{
    private static readonly Dictionary<string, Func<Ec2Call, IEnumerable<object?>>> Actions = new(StringComparer.Ordinal)
    {
        ["CreateSecurityGroup"] = CreateSecurityGroupAction.Run,
        ["DeleteSecurityGroup"] = DeleteSecurityGroupAction.Run,
        ["DescribeSecurityGroups"] = DescribeSecurityGroupsAction.Run,
        ["DescribeSecurityGroupRules"] = DescribeSecurityGroupRulesAction.Run,
        ["AuthorizeSecurityGroupIngress"] = AuthorizeRulesAction.Ingress,
        ["AuthorizeSecurityGroupEgress"] = AuthorizeRulesAction.Egress,
        ["RevokeSecurityGroupIngress"] = RevokeRulesAction.Ingress,
        ["RevokeSecurityGroupEgress"] = RevokeRulesAction.Egress,
        ["ModifySecurityGroupRules"] = ModifySecurityGroupRulesAction.Run,
        ["UpdateSecurityGroupRuleDescriptionsIngress"] = UpdateRuleDescriptionsAction.Ingress,
        ["UpdateSecurityGroupRuleDescriptionsEgress"] = UpdateRuleDescriptionsAction.Egress,
        ["CreateTags"] = TagActions.Create,
        ["DeleteTags"] = TagActions.Delete,
        ["CreateVpc"] = VpcActions.Create,
        ["DescribeVpcs"] = VpcActions.Describe,
        ["DescribeRegions"] = DescribeRegionsAction.Run,
    };

    /// <summary>The one EC2 API version the sandbox speaks (the <c>Version</c> parameter every SDK sends).</summary>
    public const string ApiVersion = "2016-11-15";

    /// <summary>Actions that change the world; these are recorded in <see cref="SandboxState.Calls"/>.</summary>
    public static bool IsMutating(string action) =>
        Actions.ContainsKey(action) && !action.StartsWith("Describe", StringComparison.Ordinal);

    public static bool IsKnown(string action) => Actions.ContainsKey(action);

    public static string Handle(string action, Ec2Call call, string requestId)
    {
        // The response shapes served here are those of API version 2016-11-15; EC2 answers a version it does not
        // know with NoSuchVersion, and the sandbox knows no other.
        if (call.Params.Get("Version") is { } version && version != ApiVersion)
            throw new SandboxFault("NoSuchVersion", $"The requested version ({version}) of service AmazonEC2 does not exist");
        if (!Actions.TryGetValue(action, out var run))
            throw new SandboxFault("InvalidAction", $"The action {action} is not valid for this web service.");
        ActionParameters.RejectUnknown(action, call.Params);
        lock (call.State.Gate)
        {
            var content = run(call).ToList(); // materialise inside the lock; the server persists when it records the call
            return Ec2Xml.Response(action, requestId, content);
        }
    }
}
