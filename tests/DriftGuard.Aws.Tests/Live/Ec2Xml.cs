using System.Security;

namespace DriftGuard.Aws.Tests.Live;

/// <summary>EC2 Query-protocol XML responses, shaped as in the EC2 API Reference (namespace 2016-11-15).</summary>
internal static class Ec2Xml
{
    private const string Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static string SecurityGroups(string? nextToken, params string[] items) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><DescribeSecurityGroupsResponse xmlns="{Ns}"><requestId>r-1</requestId><securityGroupInfo>{string.Concat(items)}</securityGroupInfo>{Token(nextToken)}</DescribeSecurityGroupsResponse>""";

    /// <summary>A group with one ingress tcp permission per (port, cidr).</summary>
    public static string Group(string id, string name, string vpc, params (int Port, string Cidr)[] ingress) =>
        $"<item><ownerId>111122223333</ownerId><groupId>{id}</groupId><groupName>{E(name)}</groupName><groupDescription>{E(name)} tier</groupDescription>" +
        $"<vpcId>{vpc}</vpcId><ipPermissions>{string.Concat(ingress.Select(i => Permission("tcp", i.Port, i.Cidr)))}</ipPermissions>" +
        "<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress>" +
        $"<tagSet><item><key>Name</key><value>{E(name)}</value></item></tagSet></item>";

    public static string SecurityGroupRules(string? nextToken, params string[] items) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><DescribeSecurityGroupRulesResponse xmlns="{Ns}"><requestId>r-2</requestId><securityGroupRuleSet>{string.Concat(items)}</securityGroupRuleSet>{Token(nextToken)}</DescribeSecurityGroupRulesResponse>""";

    public static string Rule(string ruleId, string groupId, bool egress, string protocol, int from, int to, string cidr, string? description = null) =>
        $"<item><securityGroupRuleId>{ruleId}</securityGroupRuleId><groupId>{groupId}</groupId><groupOwnerId>111122223333</groupOwnerId>" +
        $"<isEgress>{(egress ? "true" : "false")}</isEgress><ipProtocol>{protocol}</ipProtocol><fromPort>{from}</fromPort><toPort>{to}</toPort>" +
        $"<cidrIpv4>{cidr}</cidrIpv4>{(description is null ? "" : $"<description>{E(description)}</description>")}<tagSet/></item>";

    public static string Regions(params string[] names) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><DescribeRegionsResponse xmlns="{Ns}"><requestId>r-3</requestId><regionInfo>{string.Concat(names.Select(n => $"<item><regionName>{n}</regionName><regionEndpoint>ec2.{n}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"))}</regionInfo></DescribeRegionsResponse>""";

    public static string Error(string code, string message) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>{code}</Code><Message>{E(message)}</Message></Error></Errors><RequestID>r-err</RequestID></Response>""";

    public static string AssumeRole(string accessKey, string secret, string token) =>
        $"""<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>{accessKey}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey><SessionToken>{token}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:driftguard</AssumedRoleId><Arn>arn:aws:sts::222233334444:assumed-role/audit/driftguard</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r-4</RequestId></ResponseMetadata></AssumeRoleResponse>""";

    private static string Permission(string protocol, int port, string cidr) =>
        $"<item><ipProtocol>{protocol}</ipProtocol><fromPort>{port}</fromPort><toPort>{port}</toPort><groups/><ipRanges><item><cidrIp>{cidr}</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>";

    private static string Token(string? token) => token is null ? "" : $"<nextToken>{token}</nextToken>";

    private static string E(string s) => SecurityElement.Escape(s);
}
