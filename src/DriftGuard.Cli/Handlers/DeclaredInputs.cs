using DriftGuard.Core.Declared;
using DriftGuard.Core.Declared.CloudFormation;
using DriftGuard.Core.Declared.Terraform;
using DriftGuard.Core.Model;
using DriftGuard.Core.Policy;

namespace DriftGuard.Cli.Handlers;

/// <summary>The declared side of a run: IaC files read, the policy configuration and every input error.</summary>
internal sealed record DeclaredInputs(DeclaredSet Declared, PolicyConfig Policy, IReadOnlyList<Diagnostic> ConfigErrors)
{
    /// <summary>All input errors: configuration first, then files.</summary>
    public IReadOnlyList<Diagnostic> Errors => [.. ConfigErrors, .. Declared.Errors];

    /// <summary>
    /// The policy engine for this run, with CloudFormation <c>Metadata: driftguard: skip</c> entries keyed by the
    /// group they are written on.
    /// </summary>
    public PolicyEngine CreatePolicyEngine(DateOnly today) => new(Policy, today)
    {
        Skips = Declared.Groups.Where(g => g.Skips.Count > 0)
            .GroupBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PolicySkip>)[.. g.SelectMany(x => x.Skips).Select(s => new PolicySkip(s.PolicyId, s.Reason)).Distinct()]),
    };

    /// <summary>The readers every command uses.</summary>
    public static IReadOnlyList<IDeclaredReader> Readers =>
    [
        new TerraformPlanReader(), new TerraformStateReader(), new TerraformJsonConfigReader(), new CloudFormationReader(),
    ];

    /// <summary>Reads the policy file, the parameter file and the IaC paths. Never throws for bad input.</summary>
    /// <param name="displayNames">Local path → name shown in reports (the <c>s3://</c> URI of a downloaded state); null = none.</param>
    public static DeclaredInputs Load(CliContext context, IReadOnlyList<string> paths, string? policyFile, string? parametersFile, bool planPriorState = false,
                                      IReadOnlyDictionary<string, string>? displayNames = null)
    {
        var configErrors = new List<Diagnostic>();
        var policy = PolicyConfig.Default;
        var policyPath = policyFile is not null ? context.Resolve(policyFile) : DefaultPolicyFile(context);
        if (policyPath is not null)
        {
            if (!File.Exists(policyPath)) configErrors.Add(new Diagnostic(policyFile ?? policyPath, 0, "policy file not found"));
            else
            {
                policy = PolicyConfig.Load(policyPath, out var errs);
                configErrors.AddRange(errs);
            }
        }

        IReadOnlyDictionary<string, string> parameters = new Dictionary<string, string>();
        if (parametersFile is not null)
        {
            var path = context.Resolve(parametersFile);
            if (!File.Exists(path)) configErrors.Add(new Diagnostic(parametersFile, 0, "parameters file not found"));
            else
            {
                parameters = CloudFormationParameters.Load(path, out var errs);
                configErrors.AddRange(errs);
            }
        }

        var options = new ReaderOptions { Parameters = parameters, PlanPriorState = planPriorState };
        var shown = displayNames?.ToDictionary(kv => context.Resolve(kv.Key), kv => kv.Value, StringComparer.Ordinal);
        var declared = new DeclaredLoader(Readers).Load(paths.Select(context.Resolve), options, context.CurrentDirectory, displayNames: shown);
        // Keep the user's spelling for paths that do not exist.
        declared = declared with
        {
            PathErrors = declared.PathErrors.Select(e => e with { File = DeclaredLoader.DisplayPath(e.File, context.CurrentDirectory) }).ToList(),
        };
        return new DeclaredInputs(declared, policy, configErrors);
    }

    private static string? DefaultPolicyFile(CliContext context)
    {
        foreach (var name in new[] { ".driftguard.yml", ".driftguard.yaml" })
        {
            var p = Path.Combine(context.CurrentDirectory, name);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
