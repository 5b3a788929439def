using Amazon.EC2;
using Amazon.EC2.Model;
using DriftGuard.Aws.Permissions;
using DriftGuard.Core.Declared;
using DriftGuard.Core.Declared.Terraform;
using DriftGuard.Core.Model;

namespace DriftGuard.Cli.Demo;

/// <summary>
/// Does to an EC2 endpoint what <c>terraform apply</c> did for an example Terraform state: creates each
/// <c>aws_security_group</c>, removes the allow-all egress rule EC2 adds to every new group, authorizes the declared
/// rules, then writes a copy of the state whose ids are the new ones, so <c>check --iac</c> on that copy is in sync.
/// Used by <c>demo</c> (in-process sandbox) and <c>sandbox --seed-example</c> (a standalone one).
/// </summary>
/// <remarks>
/// Calls <see href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html">CreateSecurityGroup</see>,
/// <see href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupEgress.html">RevokeSecurityGroupEgress</see>,
/// <see href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html">AuthorizeSecurityGroupIngress</see>
/// and <c>AuthorizeSecurityGroupEgress</c>.
/// </remarks>
internal static class ExampleStackApplier
{
    /// <summary>
    /// Applies <paramref name="exampleState"/> (a Terraform state v4 file) through <paramref name="ec2"/> into
    /// <paramref name="vpcId"/> and writes the state with the new ids to <paramref name="outputState"/> (its folder is
    /// created; the file appears whole, never half-written).
    /// </summary>
    /// <returns>Terraform address (<c>aws_security_group.app</c>) → new <c>sg-</c> id.</returns>
    /// <exception cref="InvalidOperationException">The example state cannot be read (the message is a one-line diagnostic).</exception>
    /// <exception cref="AmazonEC2Exception">EC2 refused a call (e.g. <c>InvalidGroup.Duplicate</c> when the stack is already applied).</exception>
    public static async Task<IReadOnlyDictionary<string, string>> ApplyAsync(IAmazonEC2 ec2, string vpcId, string exampleState, string outputState,
                                                                            CancellationToken ct)
    {
        var doc = new TerraformStateReader().Read(exampleState, exampleState, new ReaderOptions());
        if (!doc.Ok) throw new InvalidOperationException(doc.Errors[0].ToCliLine("error"));
        var groups = doc.Groups.Where(g => g.GroupId is not null && g.ResourceType == "aws_security_group").ToList();
        var oldToNew = new Dictionary<string, string>(StringComparer.Ordinal);
        var addressToNew = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var created = await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = g.Name ?? g.Key,
                Description = g.Description ?? "Managed by Terraform",
                VpcId = vpcId,
                TagSpecifications = [new TagSpecification
                {
                    ResourceType = ResourceType.SecurityGroup,
                    Tags = [.. g.Tags.Select(t => new Tag(t.Key, t.Value))],
                }],
            }, ct);
            oldToNew[g.GroupId!] = created.GroupId;
            addressToNew[g.Key] = created.GroupId;
            // Terraform removes the allow-all egress rule EC2 adds to every new group.
            await ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest
            {
                GroupId = created.GroupId,
                IpPermissions = [new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            }, ct);
        }
        foreach (var g in groups)
        {
            var id = oldToNew[g.GroupId!];
            foreach (var direction in new[] { Direction.Ingress, Direction.Egress })
            {
                var permissions = g.Rules.Where(r => r.Direction == direction)
                    .Select(r => r.Source is GroupRef gr && oldToNew.TryGetValue(gr.GroupId, out var mapped) ? r with { Source = new GroupRef(mapped) }
                               : r.Source is GroupRef { IsSelf: true } ? r with { Source = new GroupRef(id) } : r)
                    .Select(IpPermissions.FromRule).ToList();
                if (permissions.Count == 0) continue;
                if (direction == Direction.Ingress)
                    await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = id, IpPermissions = permissions }, ct);
                else
                    await ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = id, IpPermissions = permissions }, ct);
            }
        }
        var text = await File.ReadAllTextAsync(exampleState, ct);
        foreach (var (oldId, newId) in oldToNew) text = text.Replace(oldId, newId, StringComparison.Ordinal);
        var full = Path.GetFullPath(outputState);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Written beside, then moved: whoever waits for the file never reads half of it.
        var partial = full + ".partial";
        await File.WriteAllTextAsync(partial, text, ct);
        File.Move(partial, full, overwrite: true);
        return addressToNew;
    }
}
