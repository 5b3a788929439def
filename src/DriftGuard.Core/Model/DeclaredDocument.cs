namespace DriftGuard.Core.Model;

/// <summary>Kinds of declared input DriftGuard reads.</summary>
public enum IacKind
{
    /// <summary>Not IaC (skipped).</summary>
    Unknown,
    /// <summary><c>terraform show -json</c> of a plan (has <c>planned_values</c> / <c>resource_changes</c>).</summary>
    TerraformPlan,
    /// <summary>Terraform state v4 (<c>version: 4</c>, <c>resources[]</c>), or <c>terraform show -json</c> of a state (<c>values</c>).</summary>
    TerraformState,
    /// <summary>Terraform JSON configuration (<c>*.tf.json</c>, CDKTF <c>cdk.tf.json</c>).</summary>
    TerraformJson,
    /// <summary>CloudFormation template, YAML or JSON.</summary>
    CloudFormation,
    /// <summary>AWS CLI <c>ec2 describe-security-groups</c> output (live side, not declared).</summary>
    LiveDescribe,
}

/// <summary>What a declared reader produced from one file: the groups, plus warnings and errors. Never throws for bad input.</summary>
/// <param name="File">The file read.</param>
/// <param name="Kind">Detected kind.</param>
public sealed record DeclaredDocument(string File, IacKind Kind)
{
    /// <summary>Security groups with their rules. Standalone rules whose target group is not in this file are attached to a placeholder group keyed by the reference.</summary>
    public IReadOnlyList<SecurityGroup> Groups { get; init; } = [];

    /// <summary>Input errors. A document with errors must never drive remediation.</summary>
    public IReadOnlyList<Diagnostic> Errors { get; init; } = [];

    /// <summary>Warnings (ports ignored for protocol -1, tcp 0-0, mixed inline and standalone rules, …).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>True when the file read cleanly.</summary>
    public bool Ok => Errors.Count == 0;

    /// <summary>A document that failed to read.</summary>
    public static DeclaredDocument Failed(string file, IacKind kind, int line, string message) =>
        new(file, kind) { Errors = [new Diagnostic(file, line, message)] };
}
