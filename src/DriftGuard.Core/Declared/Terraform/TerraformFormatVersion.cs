namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// The <c>format_version</c> check of Terraform's JSON output: a minor version bump only adds fields, a major
/// bump breaks them (https://developer.hashicorp.com/terraform/internals/json-format#format-summary). DriftGuard
/// reads majors 0 and 1 (<c>0.1</c> to <c>1.2</c> seen in the wild).
/// </summary>
internal static class TerraformFormatVersion
{
    /// <summary>Null when <paramref name="version"/> is readable, otherwise the error message.</summary>
    public static string? Check(string? version)
    {
        if (version is null) return null; // hand-written plans sometimes omit it; the content decides
        var dot = version.IndexOf('.');
        var major = dot < 0 ? version : version[..dot];
        if (int.TryParse(major, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && m is 0 or 1)
            return null;
        return $"unsupported format_version '{version}': DriftGuard reads Terraform JSON format versions 0.x and 1.x";
    }
}
