using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// Terraform resource addresses (https://developer.hashicorp.com/terraform/cli/state/resource-addressing):
/// <c>module.net.aws_security_group.web[0]</c>, <c>module.sg["a"].aws_security_group.bad["k"]</c>.
/// </summary>
internal static partial class TerraformAddress
{
    /// <summary>The resource types whose rules DriftGuard reads.</summary>
    public static bool IsSupportedType(string? type) => type is
        "aws_security_group" or "aws_default_security_group" or "aws_security_group_rule"
        or "aws_vpc_security_group_ingress_rule" or "aws_vpc_security_group_egress_rule";

    /// <summary>True for the two group types.</summary>
    public static bool IsGroupType(string type) => type is "aws_security_group" or "aws_default_security_group";

    /// <summary><c>module</c> + <c>type.name</c> + instance key: <c>[0]</c> for count, <c>["key"]</c> for for_each.</summary>
    public static string Compose(string? module, string type, string name, string? indexKey)
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(module)) sb.Append(module).Append('.');
        sb.Append(type).Append('.').Append(name);
        if (indexKey is not null) sb.Append(indexKey);
        return sb.ToString();
    }

    /// <summary>Formats a state <c>index_key</c>: number → <c>[0]</c>, string → <c>["key"]</c>.</summary>
    public static string IndexOfNumber(long n) => "[" + n.ToString(CultureInfo.InvariantCulture) + "]";

    /// <inheritdoc cref="IndexOfNumber"/>
    public static string IndexOfString(string key) => "[\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"]";

    /// <summary>The address without any instance keys: <c>module.sg["a"].aws_security_group.x[0]</c> → <c>module.sg.aws_security_group.x</c>.</summary>
    public static string WithoutIndex(string address)
    {
        if (!address.Contains('[')) return address;
        var sb = new StringBuilder(address.Length);
        var depth = 0;
        var inString = false;
        for (var i = 0; i < address.Length; i++)
        {
            var c = address[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '[') { depth++; continue; }
            if (c == ']') { depth = Math.Max(0, depth - 1); continue; }
            if (depth > 0) { if (c == '"') inString = true; continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The group address a configuration reference names: <c>${aws_security_group.x.id}</c> or
    /// <c>${module.m.aws_security_group.x[0].id}</c> → <c>aws_security_group.x</c> (index kept); null when the
    /// string is not one whole reference to a security group's id.
    /// </summary>
    public static string? GroupOfInterpolation(string text)
    {
        var m = GroupReference().Match(text);
        return m.Success ? m.Groups["address"].Value : null;
    }

    [GeneratedRegex(@"^\$\{\s*(?<address>(?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*aws_(?:default_)?security_group\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?)\.id\s*\}$")]
    private static partial Regex GroupReference();

    /// <summary>Prefixes a module-relative address with the module path (none for the root module).</summary>
    public static string InModule(string? modulePath, string relative) =>
        string.IsNullOrEmpty(modulePath) || relative.StartsWith(modulePath + ".", StringComparison.Ordinal) ? relative : modulePath + "." + relative;
}
