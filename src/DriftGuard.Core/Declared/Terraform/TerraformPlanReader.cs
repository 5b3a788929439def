using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// Reads a Terraform plan as printed by <c>terraform show -json PLANFILE</c>
/// (https://developer.hashicorp.com/terraform/internals/json-format#plan-representation) into the security
/// groups the plan will leave behind.
/// </summary>
/// <remarks>
/// <para>Values come from <c>planned_values</c> (root module and nested <c>child_modules</c>); <c>resource_changes</c>
/// gives each resource's actions (a delete-only resource is skipped) and <c>after_unknown</c> (values known only
/// after apply become <see cref="RawValue.Unknown"/> or <see cref="RawRule.UnknownSourceKinds"/>: never empty,
/// never a pass). Data sources are skipped. A standalone rule whose <c>security_group_id</c> is unknown is attached
/// through <c>configuration…expressions.security_group_id.references</c>.</para>
/// <para>The planned groups are read in one streaming pass that never holds the whole file
/// (<see cref="TerraformPlanStreamReader"/>). <c>prior_state</c> and <c>resource_drift</c> are read from the file in
/// memory with <see cref="Utf8JsonReader"/>; only the objects of supported resources are parsed, one at a time. <c>format_version</c> majors 0 and 1 are read; others are rejected with an error.
/// UTF-8 (with or without BOM) and UTF-16 LE/BE are accepted. Bad input never throws: it becomes a <see cref="Diagnostic"/>.</para>
/// </remarks>
public sealed class TerraformPlanReader : IDeclaredReader
{
    /// <inheritdoc />
    public IacKind Kind => IacKind.TerraformPlan;

    /// <inheritdoc />
    public DeclaredDocument Read(string path, string displayPath, ReaderOptions options)
    {
        if (options.PlanPriorState)
        {
            var prior = ReadPriorState(path, displayPath, options);
            if (!prior.Ok || prior.Groups.Count > 0) return prior;
            // No prior state (everything in it is to be created, or it was saved without one): what the plan will make
            // is the only declared state there is, so compare that rather than nothing.
            var planned = TerraformJsonSource.Guard(displayPath, Kind, () => TerraformPlanFile.Read(path, displayPath, options with { PlanPriorState = false }));
            if (!planned.Ok || planned.Groups.Count == 0) return prior;
            return planned with
            {
                Warnings = [new Diagnostic(displayPath, 0, "plan has no prior_state with security groups: comparing its planned values (the state after apply)"),
                            .. planned.Warnings],
            };
        }
        return TerraformJsonSource.Guard(displayPath, Kind, () => TerraformPlanFile.Read(path, displayPath, options));
    }

    /// <summary>Reads plan JSON already in memory (any supported encoding).</summary>
    public DeclaredDocument Read(byte[] content, string displayPath, ReaderOptions options)
    {
        return TerraformJsonSource.Guard(displayPath, Kind, () =>
        {
            var source = TerraformJsonSource.FromBytes(content, displayPath, options, Kind, out var failure);
            if (source is null) return failure!;
            using var text = new MemoryStream(source.Buffer, source.Start, source.Length, writable: false);
            return TerraformPlanStreamReader.Read(text, 0, displayPath, options, new byte[Math.Min(TerraformPlanFile.BufferBytes, Math.Max(4096, source.Length))]);
        });
    }

    /// <summary>
    /// Reads the plan's <c>prior_state</c> (the refreshed state the plan started from, same shape as
    /// <c>terraform show -json</c> of a state) as a <see cref="IacKind.TerraformState"/> document: the groups as
    /// Terraform last saw them, for drift. A plan without <c>prior_state</c> gives an empty document (<see cref="Read(string, string, ReaderOptions)"/>
    /// then reads its planned values instead).
    /// </summary>
    public DeclaredDocument ReadPriorState(string path, string displayPath, ReaderOptions options)
    {
        return TerraformJsonSource.Guard(displayPath, IacKind.TerraformState, () =>
        {
            var source = TerraformJsonSource.Load(path, displayPath, options, IacKind.TerraformState, out var failure);
            return source is null ? failure! : ReadPriorStateCore(source);
        });
    }

    /// <summary>
    /// Reads the plan's <c>resource_drift</c> (Terraform 0.15.4+: changes made outside Terraform that refresh
    /// detected) as a <see cref="IacKind.TerraformState"/> document holding each drifted group or rule as refresh
    /// found it (<c>change.after</c>). Objects deleted outside Terraform are not in it. Empty when the plan has none.
    /// </summary>
    public DeclaredDocument ReadResourceDrift(string path, string displayPath, ReaderOptions options) =>
        TerraformJsonSource.Guard(displayPath, IacKind.TerraformState, () => ReadResourceDriftCore(path, displayPath, options));

    private static DeclaredDocument ReadResourceDriftCore(string path, string displayPath, ReaderOptions options)
    {
        var source = TerraformJsonSource.Load(path, displayPath, options, IacKind.TerraformState, out var failure);
        if (source is null) return failure!;
        var drift = new List<ChangeSlot>();
        try
        {
            var r = new Utf8JsonReader(source.Span, source.ReaderOptions);
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("resource_drift"u8)) { r.Read(); TerraformJsonWalker.WalkChanges(ref r, drift); }
                else r.Skip();
            }
        }
        catch (JsonException ex)
        {
            return source.Failed(IacKind.TerraformState, ex);
        }
        var assembler = new TerraformGroupAssembler(source.Display, IacKind.TerraformState, inlineIsRefreshedState: true);
        foreach (var d in drift.Where(d => !d.After.IsEmpty))
            MapOne(source, assembler, d.Address, d.Type, d.ModulePath, d.ObjectStart, d.After, default, new TerraformConfigInfo());
        return assembler.Build();
    }

    /// <summary>The groups of <c>prior_state.values</c> (a state values representation), in file order.</summary>
    private static DeclaredDocument ReadPriorStateCore(TerraformJsonSource source)
    {
        const IacKind kind = IacKind.TerraformState;
        var prior = new List<ResourceSlot>();
        var problems = new List<string>();
        try
        {
            var r = new Utf8JsonReader(source.Span, source.ReaderOptions);
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("format_version"u8))
                {
                    var formatVersion = TerraformJsonWalker.ReadString(ref r);
                    if (TerraformFormatVersion.Check(formatVersion) is { } error)
                        return DeclaredDocument.Failed(source.Display, kind, source.LineAt(r.TokenStartIndex), error);
                }
                else if (r.ValueTextEquals("prior_state"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("values"u8)) { r.Read(); TerraformJsonWalker.WalkValues(ref r, prior, problems); }
                        else r.Skip();
                    }
                }
                else r.Skip();
            }
        }
        catch (JsonException ex)
        {
            return source.Failed(kind, ex);
        }

        var assembler = new TerraformGroupAssembler(source.Display, kind, inlineIsRefreshedState: true);
        foreach (var p in problems) assembler.Warning(new Diagnostic(source.Display, 0, p));
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in prior)
            if (done.Add(p.Address)) MapOne(source, assembler, p.Address, p.Type, p.ModulePath, p.ObjectStart, p.Values, default, null);
        return assembler.Build();
    }

    /// <summary>Parses one resource's values (and after_unknown) and maps it; a bad resource becomes an error, the others are still read.</summary>
    internal static void MapOne(TerraformJsonSource source, TerraformGroupAssembler assembler, string address, string type, string? module,
        long objectStart, JsonRange values, JsonRange afterUnknown, TerraformConfigInfo? config)
    {
        var line = source.LineAt(objectStart);
        try
        {
            if (values.IsEmpty)
            {
                assembler.Error(line, address, "has no values");
                return;
            }
            using var valuesDoc = source.Parse(values);
            using var unknownDoc = afterUnknown.IsEmpty ? null : source.Parse(afterUnknown);
            var obj = new TfObject(valuesDoc.RootElement, unknownDoc?.RootElement ?? default, Interpolation: false);
            TerraformResourceMapper.Map(new TerraformResource(address, type, module, new SourceLocation(source.Display, line, address), config), obj, assembler);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or IndexOutOfRangeException)
        {
            assembler.Error(line, address, $"cannot read resource: {ex.Message}");
        }
    }
}
