using DriftGuard.Aws.State;
using DriftGuard.Cli.Commands;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.Core.Watch;

namespace DriftGuard.Cli.Handlers;

/// <summary>
/// The declared state for <c>driftguard watch</c>: the same readers, policy file, parameters and ignore file as
/// <c>check</c>, read again when a local input changes (modification time or size of any file, directories walked) or
/// when forced (startup, <c>--reload-interval</c>). S3 state is fetched on forced loads only.
/// </summary>
internal sealed class WatchDeclaredSource(CliContext context, WatchSettings settings) : IDeclaredSource
{
    private Dictionary<string, (DateTime Modified, long Length)>? _stamps;

    public DeclaredLoad Load(bool force)
    {
        var stamps = Stamp();
        if (!force && _stamps is not null && Same(stamps, _stamps)) return new DeclaredLoad(null, []);
        // Remember the files as they are now even when they fail to read, so a half-saved file is reported once, not every check.
        _stamps = stamps;

        var paths = new List<string>();
        var errors = new List<Diagnostic>();
        // A downloaded state is shown as its s3:// URI, never as the temporary copy.
        var s3Names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in settings.Iac)
        {
            if (!p.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) { paths.Add(p); continue; }
            var fetched = S3StateFetcher.FetchAsync(p, context.GetEnvironment("AWS_ENDPOINT_URL_S3") ?? settings.EndpointUrl ?? context.GetEnvironment("AWS_ENDPOINT_URL"),
                settings.Region, CancellationToken.None, settings.Credentials).GetAwaiter().GetResult();
            if (fetched.Error is not null) errors.Add(new Diagnostic(p, 0, fetched.Error));
            else
            {
                paths.Add(fetched.LocalPath!);
                s3Names[fetched.LocalPath!] = p;
            }
        }
        var inputs = DeclaredInputs.Load(context, paths, settings.PolicyFile, settings.ParametersFile, planPriorState: true, s3Names);
        // Each reload downloads a new copy: remove it once read (a state may hold secrets).
        foreach (var local in s3Names.Keys) S3StateFetcher.DeleteLocalCopy(local);
        errors.AddRange(inputs.Errors);
        var groups = inputs.Declared.Groups.ToList();
        if (errors.Count == 0 && groups.Count == 0 && inputs.Declared.Documents.Count == 0)
            errors.Add(new Diagnostic(string.Join(" ", settings.Iac), 0, "no declared state found (no Terraform state or plan, or CloudFormation template)"));

        var options = new DriftOptions
        {
            StackName = settings.Stack,
            VpcIds = settings.VpcIds,
            Region = settings.Region,
            EvaluateRule = inputs.CreatePolicyEngine(context.Today).EvaluateRule,
        };
        var ignorePath = settings.IgnoreFile is not null ? context.Resolve(settings.IgnoreFile) : Path.Combine(context.CurrentDirectory, ".driftguardignore");
        if (settings.IgnoreFile is not null && !File.Exists(ignorePath)) errors.Add(new Diagnostic(settings.IgnoreFile, 0, "ignore file not found"));
        else if (File.Exists(ignorePath))
        {
            var ignore = DriftIgnore.Load(ignorePath);
            errors.AddRange(ignore.Errors);
            foreach (var w in ignore.Warnings) context.Error.WriteLine(w.ToCliLine("warning"));
            options = options with { Ignore = ignore };
        }
        if (errors.Count > 0)
        {
            // The same one-line errors as every other command, beside the decision log's reload-failed line.
            foreach (var e in errors) context.Error.WriteLine(e.ToCliLine("error"));
            return new DeclaredLoad(null, errors);
        }
        return new DeclaredLoad(new DeclaredSnapshot(groups, options, [.. inputs.Declared.Documents.Select(d => d.File)]), []);
    }

    private Dictionary<string, (DateTime, long)> Stamp()
    {
        var result = new Dictionary<string, (DateTime, long)>(StringComparer.Ordinal);
        var local = settings.Iac.Where(p => !p.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)).Select(context.Resolve)
            .Concat(new[] { settings.PolicyFile, settings.ParametersFile, settings.IgnoreFile }.OfType<string>().Select(context.Resolve));
        foreach (var path in local)
        {
            try
            {
                var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Take(5000) : [path];
                foreach (var f in files)
                {
                    var info = new FileInfo(f);
                    result[f] = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                result[path] = (DateTime.MinValue, -2);
            }
        }
        return result;
    }

    private static bool Same(Dictionary<string, (DateTime, long)> a, Dictionary<string, (DateTime, long)> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
