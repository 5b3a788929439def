using static DriftGuard.Sandbox.Ec2.Ec2Xml;

namespace DriftGuard.Sandbox.Ec2.Actions;

/// <summary>
/// DescribeRegions (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRegions.html). The sandbox
/// holds one world, so it lists only its own region (<c>regionName</c>, <c>regionEndpoint</c>, <c>optInStatus</c>);
/// <c>RegionName.N</c> and the <c>region-name</c> filter narrow that list as on EC2.
/// </summary>
internal static class DescribeRegionsAction
{
    public static IEnumerable<object?> Run(Ec2Call call)
    {
        var names = call.Params.List("RegionName");
        var filters = Filters.Read(call.Params, name => name is "region-name" or "endpoint" or "opt-in-status");
        call.ThrowIfDryRun();

        var region = call.State.Region;
        var endpoint = $"ec2.{region}.amazonaws.com";
        var listed = (names.Count == 0 || names.Contains(region))
                     && filters.Match(name => name switch
                     {
                         "region-name" => [region],
                         "endpoint" => [endpoint],
                         _ => ["opt-in-not-required"],
                     });
        return
        [
            E("regionInfo", listed
                ? [Item(E("regionName", region), E("regionEndpoint", endpoint), E("optInStatus", "opt-in-not-required"))]
                : Array.Empty<object>()),
        ];
    }
}
