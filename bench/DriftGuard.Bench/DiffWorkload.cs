using DriftGuard.Core.Live;
using DriftGuard.Core.Model;

namespace DriftGuard.Bench;

/// <summary>Declared and live groups of the same shape, one rule in a hundred different (port 22 live instead of 1000).</summary>
internal static class DiffWorkload
{
    public static (List<SecurityGroup> Declared, List<SecurityGroup> Live) Build(int groups, int rulesPerGroup)
    {
        var declared = new List<SecurityGroup>();
        var live = new List<SecurityGroup>();
        for (var g = 0; g < groups; g++)
        {
            var id = $"sg-{g:x8}";
            var declaredRules = new List<SgRule>();
            var liveRules = new List<SgRule>();
            for (var i = 0; i < rulesPerGroup; i++)
            {
                var cidr = new Cidr($"10.{g % 256}.{i}.0/24");
                declaredRules.Add(new SgRule($"aws_security_group.g{g}", Direction.Ingress, "tcp", 1000 + i, 1000 + i, cidr));
                liveRules.Add(new SgRule(id, Direction.Ingress, "tcp", i == 0 ? 22 : 1000 + i, i == 0 ? 22 : 1000 + i, cidr));
            }
            declared.Add(new SecurityGroup($"aws_security_group.g{g}") { GroupId = id, VpcId = "vpc-1", Rules = declaredRules });
            live.Add(LiveGroupFactory.Create(id, $"g{g}", null, "vpc-1", "111122223333", "us-east-1", new Dictionary<string, string>(), liveRules));
        }
        return (declared, live);
    }
}
