namespace DriftGuard.Core.Model;

/// <summary>Where a declared group or rule came from.</summary>
/// <param name="File">Path of the IaC file as given on the command line (or repository-relative).</param>
/// <param name="Line">1-based line number, or 1 when the format carries no lines.</param>
/// <param name="Resource">Terraform address with module path (<c>module.net.aws_security_group.web[0]</c>) or CloudFormation logical id.</param>
public sealed record SourceLocation(string File, int Line, string Resource);
