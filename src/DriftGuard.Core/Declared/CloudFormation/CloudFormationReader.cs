using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Reads a CloudFormation template (YAML with short-form intrinsics, or JSON) into canonical security groups.
/// Groups are keyed by logical id; <c>Ref</c>/<c>Fn::GetAtt X.GroupId</c> of a template group becomes
/// <see cref="GroupRef"/>(logical id), which the drift stage maps to the physical <c>sg-</c> id. Values that only
/// deployment fixes (pseudo parameters, imports, <c>{{resolve:…}}</c>) become <see cref="UnknownSource"/> or unknown ports.
/// Never throws: malformed, empty, binary, too deep or alias-bombed input becomes a <see cref="Diagnostic"/>.
/// </summary>
/// <remarks>
/// Template anatomy: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html;
/// resource shapes: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html.
/// </remarks>
public sealed class CloudFormationReader : IDeclaredReader
{
    /// <inheritdoc />
    public IacKind Kind => IacKind.CloudFormation;

    /// <summary>Largest template read: 32 MiB, 32 times what CloudFormation accepts.</summary>
    public const long MaxTemplateBytes = 32L * 1024 * 1024;

    /// <summary>Reads the template at <paramref name="path"/>; <paramref name="displayPath"/> names it in locations and messages.</summary>
    public DeclaredDocument Read(string path, string displayPath, ReaderOptions options)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return DeclaredDocument.Failed(displayPath, Kind, 0, "file not found");
            // CloudFormation itself accepts templates up to 1 MB (from S3); a node tree costs ~25x the text, so a
            // far larger "template" is refused up front to keep memory bounded.
            var limit = Math.Min(options.MaxFileBytes, MaxTemplateBytes);
            if (info.Length > limit)
                return DeclaredDocument.Failed(displayPath, Kind, 0, $"file is {info.Length} bytes, more than the {limit}-byte limit for a CloudFormation template (CloudFormation accepts 1 MB)");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DeclaredDocument.Failed(displayPath, Kind, 0, $"cannot read file: {e.Message}");
        }
        return Run(displayPath, options, (limits, warnings) => CfnTemplateLoader.FromBytes(bytes, displayPath, limits, warnings));
    }

    /// <summary>Reads a template given as text (stdin, tests); <paramref name="displayPath"/> names it in messages.</summary>
    public DeclaredDocument ReadContent(string content, string displayPath, ReaderOptions options) =>
        Run(displayPath, options, (limits, warnings) => CfnTemplateLoader.FromText(content, displayPath, limits, warnings));

    private DeclaredDocument Run(string file, ReaderOptions options, Func<CfnTreeLimits, List<Diagnostic>, CfnTemplateLoader.Loaded> load)
    {
        var errors = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        try
        {
            var limits = CfnTreeLimits.From(options);
            var loaded = load(limits, warnings);
            if (loaded.Error is not null) return new DeclaredDocument(file, Kind) { Errors = [loaded.Error], Warnings = warnings };
            var groups = CfnSecurityGroupExtractor.Extract(loaded.Root!, file, options, limits, errors, warnings);
            return new DeclaredDocument(file, Kind) { Groups = groups, Errors = errors, Warnings = warnings };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last line of defence: a reader bug must still surface as one diagnostic line, never a crash.
            errors.Add(new Diagnostic(file, 0, $"internal error reading the template: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}"));
            return new DeclaredDocument(file, Kind) { Errors = errors, Warnings = warnings };
        }
    }
}
