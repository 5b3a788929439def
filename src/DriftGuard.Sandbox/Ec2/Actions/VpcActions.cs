using System.Globalization;
using System.Xml.Linq;
using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// CreateVpc and DescribeVpcs (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpc.html,
/// API_DescribeVpcs.html). CreateVpc takes <c>CidrBlock</c> (IPv4, /16–/28) and <c>TagSpecification</c> (<c>vpc</c>)
/// and, as EC2 does, creates the VPC's <c>default</c> group (ingress: all traffic from itself; egress: all traffic
/// to 0.0.0.0/0). DescribeVpcs takes <c>VpcId.N</c> and filters vpc-id, is-default, cidr, owner-id, state, tag:KEY, tag-key.
/// </summary>
internal static class VpcActions
{
    public static IEnumerable<object?> Create(Ec2Call call)
    {
        var raw = call.Params.Required("CidrBlock");
        var cidr = RuleCanonicalizer.Ipv4Cidr(raw);
        var prefix = int.Parse(cidr[(cidr.IndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        if (prefix is < 16 or > 28) throw new SandboxFault("InvalidVpc.Range", $"The CIDR '{raw}' is invalid.");
        var tags = TagRules.FromSpecifications(call.Params, "vpc");
        call.ThrowIfDryRun();

        var vpc = call.State.CreateVpcWithDefaultGroup(cidr, isDefault: false, tags);
        return [Vpc(call.State, vpc, "vpc", "pending")];
    }

    public static IEnumerable<object?> Describe(Ec2Call call)
    {
        var ids = call.Params.List("VpcId");
        var filters = Filters.Read(call.Params, name =>
            name is "vpc-id" or "is-default" or "cidr" or "cidr-block-association.cidr-block" or "owner-id" or "state" or "tag-key"
            || name.StartsWith("tag:", StringComparison.Ordinal));
        foreach (var id in ids)
            if (!call.State.VpcTable.ContainsKey(id))
                throw new SandboxFault("InvalidVpcID.NotFound", $"The vpc ID '{id}' does not exist");
        call.ThrowIfDryRun();

        var vpcs = call.State.VpcTable.Values
            .Where(v => ids.Count == 0 || ids.Contains(v.VpcId))
            .Where(v => filters.Match(name => ValuesOf(call.State, v, name)))
            .OrderBy(v => v.Sequence);
        return [E("vpcSet", vpcs.Select(v => Vpc(call.State, v, "item", "available")))];
    }

    private static IEnumerable<string> ValuesOf(SandboxState state, SandboxVpc vpc, string filter) => filter switch
    {
        "vpc-id" => [vpc.VpcId],
        "is-default" => [vpc.IsDefault ? "true" : "false"],
        "cidr" or "cidr-block-association.cidr-block" => [vpc.CidrBlock],
        "owner-id" => [state.AccountId],
        "state" => ["available"],
        "tag-key" => vpc.Tags.Select(t => t.Key),
        _ => vpc.Tags.Where(t => t.Key == filter[4..]).Select(t => t.Value),
    };

    private static XElement Vpc(SandboxState state, SandboxVpc vpc, string elementName, string status) => E(elementName,
        E("vpcId", vpc.VpcId),
        E("ownerId", state.AccountId),
        E("state", status),
        E("cidrBlock", vpc.CidrBlock),
        E("cidrBlockAssociationSet", Item(
            E("cidrBlock", vpc.CidrBlock),
            E("associationId", "vpc-cidr-assoc-" + vpc.VpcId[4..]),
            E("cidrBlockState", E("state", "associated")))),
        E("dhcpOptionsId", "dopt-" + vpc.VpcId[4..]),
        vpc.Tags.Count > 0 ? TagSet(vpc.Tags) : null,
        E("instanceTenancy", "default"),
        Bool("isDefault", vpc.IsDefault));
}
