using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared;

/// <summary>What <see cref="DeclaredLoader"/> read from a set of paths.</summary>
public sealed record DeclaredSet
{
    /// <summary>One document per IaC file read (failed ones included, with their errors).</summary>
    public IReadOnlyList<DeclaredDocument> Documents { get; init; } = [];
    /// <summary>Files that are not IaC, skipped (display paths).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];
    /// <summary>Errors not tied to one document (a path that does not exist).</summary>
    public IReadOnlyList<Diagnostic> PathErrors { get; init; } = [];

    /// <summary>All input errors.</summary>
    public IEnumerable<Diagnostic> Errors => PathErrors.Concat(Documents.SelectMany(d => d.Errors));
    /// <summary>All warnings.</summary>
    public IEnumerable<Diagnostic> Warnings => Documents.SelectMany(d => d.Warnings);
    /// <summary>All declared groups.</summary>
    public IEnumerable<SecurityGroup> Groups => Documents.SelectMany(d => d.Groups);
    /// <summary>True when every input read cleanly. Remediation requires it.</summary>
    public bool Ok => !Errors.Any();
}

/// <summary>
/// Expands files and directories (recursively), detects each file's kind by content, and runs the matching
/// reader. A file that cannot be read becomes an error; the other files are still read.
/// </summary>
public sealed class DeclaredLoader
{
    private static readonly HashSet<string> IgnoredDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", ".terraform", "node_modules", "bin", "obj", "cdk.out.tmp", ".github",
    };

    private readonly IReadOnlyDictionary<IacKind, IDeclaredReader> _readers;

    /// <summary>Creates a loader with the given readers, one per kind.</summary>
    public DeclaredLoader(IEnumerable<IDeclaredReader> readers) =>
        _readers = readers.ToDictionary(r => r.Kind);

    /// <summary>Reads every IaC file under <paramref name="paths"/>. Display paths are relative to <paramref name="baseDirectory"/> when inside it.</summary>
    /// <param name="kinds">Kinds to read; other detected kinds are skipped (null = every declared kind).</param>
    /// <param name="displayNames">
    /// Names to show instead of a file's path, keyed by the path as given in <paramref name="paths"/> (e.g. a local copy
    /// of <c>s3://bucket/key</c> shown as that URI in every location and diagnostic); null = none.
    /// </param>
    public DeclaredSet Load(IEnumerable<string> paths, ReaderOptions options, string baseDirectory, ISet<IacKind>? kinds = null,
                            IReadOnlyDictionary<string, string>? displayNames = null)
    {
        var documents = new List<DeclaredDocument>();
        var skipped = new List<string>();
        var pathErrors = new List<Diagnostic>();
        foreach (var (file, explicitFile) in Expand(paths, pathErrors))
        {
            var display = displayNames is not null && displayNames.TryGetValue(file, out var named) ? named : DisplayPath(file, baseDirectory);
            // A directory walk only considers IaC extensions (as Checkov does): scripts and notes that merely mention
            // AWS::EC2::SecurityGroup are not templates. A file the user named is always read.
            // Only HCL is listed as skipped (people expect it read); sources, docs and scripts are passed over silently.
            if (!explicitFile && !IacDetector.HasIacExtension(file))
            {
                if (file.EndsWith(".tf", StringComparison.OrdinalIgnoreCase)) skipped.Add(display);
                continue;
            }
            var detection = IacDetector.Detect(file);
            var kind = detection.Kind;
            if (kind == IacKind.Unknown || kind == IacKind.LiveDescribe || (kinds is not null && !kinds.Contains(kind)))
            {
                if (detection.Problem is not null)
                    documents.Add(DeclaredDocument.Failed(display, IacKind.Unknown, 0, detection.Problem));
                // A syntax error is worth naming only in a file that promises JSON or YAML: a named script is simply not IaC.
                else if (kind == IacKind.Unknown && IacDetector.HasIacExtension(file) && SyntaxProbe.FirstError(file) is { } syntax)
                    documents.Add(new DeclaredDocument(display, IacKind.Unknown) { Errors = [new Diagnostic(display, syntax.Line, syntax.Message) { Column = syntax.Column }] });
                else if (explicitFile)
                    documents.Add(DeclaredDocument.Failed(display, IacKind.Unknown, 0, NotIacMessage(kind, file)));
                else
                    skipped.Add(display);
                continue;
            }
            if (!_readers.TryGetValue(kind, out var reader)) { skipped.Add(display); continue; }
            try
            {
                documents.Add(reader.Read(file, display, options));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Readers report bad input as diagnostics; this is the last line of defence.
                documents.Add(DeclaredDocument.Failed(display, kind, 0, $"could not read {kind}: {ex.GetType().Name}: {ex.Message}"));
            }
        }
        return new DeclaredSet { Documents = documents, Skipped = skipped, PathErrors = pathErrors };
    }

    /// <summary>Why a file the user named cannot be read as declared IaC.</summary>
    private static string NotIacMessage(IacKind kind, string file) => kind switch
    {
        IacKind.Unknown when file.EndsWith(".tf", StringComparison.OrdinalIgnoreCase) =>
            "not a Terraform plan/state/JSON configuration or CloudFormation template (HCL .tf is not read: give `terraform show -json` output or *.tf.json)",
        IacKind.Unknown => "not a Terraform plan/state/JSON configuration or CloudFormation template",
        IacKind.LiveDescribe => "AWS CLI describe-security-groups output (live state), not a Terraform plan/state/JSON configuration or CloudFormation template; pass it with --live-file",
        _ => $"{kind} input is not read by this command",
    };

    /// <summary>Repository-relative path with forward slashes when the file is under <paramref name="baseDirectory"/>.</summary>
    public static string DisplayPath(string file, string baseDirectory)
    {
        var full = Path.GetFullPath(file);
        var rel = Path.GetRelativePath(Path.GetFullPath(baseDirectory), full);
        var shown = rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? full : rel;
        return shown.Replace('\\', '/');
    }

    private static IEnumerable<(string File, bool Explicit)> Expand(IEnumerable<string> paths, List<Diagnostic> errors)
    {
        foreach (var p in paths)
        {
            if (File.Exists(p)) { yield return (p, true); continue; }
            if (!Directory.Exists(p)) { errors.Add(new Diagnostic(p, 0, "no such file or directory")); continue; }
            var files = new List<string>();
            Walk(p, files, errors);
            files.Sort(StringComparer.Ordinal);
            foreach (var f in files) yield return (f, false);
        }
    }

    private static void Walk(string dir, List<string> files, List<Diagnostic> errors)
    {
        try
        {
            files.AddRange(Directory.EnumerateFiles(dir));
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                // Symbolic links to directories are not followed (as find(1) does by default): a link loop would
                // otherwise read the same files again and again, or never end.
                if (IgnoredDirectories.Contains(Path.GetFileName(sub)) || new DirectoryInfo(sub).LinkTarget is not null) continue;
                Walk(sub, files, errors);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A directory we cannot read may hold IaC: passing the gate without it would be a silent false pass.
            errors.Add(new Diagnostic(dir, 0, $"cannot read directory: {ex.Message}"));
        }
    }
}
