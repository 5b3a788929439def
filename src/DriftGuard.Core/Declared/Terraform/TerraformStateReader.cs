using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// Reads Terraform state into security groups: the raw state file, version 4 (<c>terraform.tfstate</c>:
/// <c>resources[]</c> with <c>module</c>, <c>mode</c>, <c>type</c>, <c>name</c> and <c>instances[]</c> carrying
/// <c>index_key</c> and <c>attributes</c>), or <c>terraform show -json</c> of a state
/// (https://developer.hashicorp.com/terraform/internals/json-format#state-representation, <c>values.root_module</c>).
/// </summary>
/// <remarks>
/// Group ids come from <c>attributes.id</c>; standalone rules attach to the group whose id equals their
/// <c>security_group_id</c>, else to a placeholder group keyed by that id. Addresses look like
/// <c>module.x.aws_security_group.name[0]</c> or <c>…name["key"]</c>. When a group also has standalone rule
/// resources, its inline lists in state are what the last refresh read from EC2, so only the standalone rules are
/// used (see <see cref="RuleStyle.Mixed"/>). Data sources and deposed objects are skipped. Never throws for bad input.
/// </remarks>
public sealed class TerraformStateReader : IDeclaredReader
{
    /// <inheritdoc />
    public IacKind Kind => IacKind.TerraformState;

    /// <inheritdoc />
    public DeclaredDocument Read(string path, string displayPath, ReaderOptions options)
    {
        return TerraformJsonSource.Guard(displayPath, Kind, () =>
        {
            var source = TerraformJsonSource.Load(path, displayPath, options, Kind, out var failure);
            return source is null ? failure! : Read(source);
        });
    }

    /// <summary>Reads state JSON already in memory (e.g. downloaded from an S3 backend).</summary>
    public DeclaredDocument Read(byte[] content, string displayPath, ReaderOptions options)
    {
        return TerraformJsonSource.Guard(displayPath, Kind, () =>
        {
            var source = TerraformJsonSource.FromBytes(content, displayPath, options, Kind, out var failure);
            return source is null ? failure! : Read(source);
        });
    }

    private DeclaredDocument Read(TerraformJsonSource source)
    {
        var slots = new List<ResourceSlot>();
        var problems = new List<string>();
        long? version = null;
        var versionLine = 1;
        var sawResources = false;
        var sawValues = false;
        try
        {
            var r = new Utf8JsonReader(source.Span, source.ReaderOptions);
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("version"u8))
                {
                    r.Read();
                    versionLine = source.LineAt(r.TokenStartIndex);
                    if (r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var v)) version = v;
                    else { r.Skip(); version = -1; }
                }
                else if (r.ValueTextEquals("format_version"u8))
                {
                    var format = TerraformJsonWalker.ReadString(ref r);
                    if (TerraformFormatVersion.Check(format) is { } error)
                        return DeclaredDocument.Failed(source.Display, Kind, source.LineAt(r.TokenStartIndex), error);
                }
                else if (r.ValueTextEquals("resources"u8))
                {
                    r.Read();
                    sawResources = true;
                    WalkStateResources(ref r, slots, problems);
                }
                else if (r.ValueTextEquals("values"u8))
                {
                    r.Read();
                    sawValues = true;
                    TerraformJsonWalker.WalkValues(ref r, slots, problems);
                }
                else r.Skip();
            }
        }
        catch (JsonException ex)
        {
            return source.Failed(Kind, ex);
        }

        if (version is { } ver && ver != 4)
            return DeclaredDocument.Failed(source.Display, Kind, versionLine,
                ver == -1 ? "state version is not a number" : $"unsupported state version {ver}: DriftGuard reads state version 4 (Terraform 0.12 and later)");
        if (!sawResources && !sawValues)
            return DeclaredDocument.Failed(source.Display, Kind, 1, "not a Terraform state: no 'resources' (state v4) or 'values' (terraform show -json)");

        var assembler = new TerraformGroupAssembler(source.Display, Kind, inlineIsRefreshedState: true);
        foreach (var p in problems) assembler.Warning(new Diagnostic(source.Display, 0, p));
        foreach (var s in slots)
            TerraformPlanReader.MapOne(source, assembler, s.Address, s.Type, s.ModulePath, s.ObjectStart, s.Values, default, config: new TerraformConfigInfo());
        return assembler.Build();
    }

    /// <summary>State v4 <c>resources[]</c>: one slot per instance of a supported managed resource.</summary>
    private static void WalkStateResources(ref Utf8JsonReader r, List<ResourceSlot> into, List<string> problems)
    {
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); problems.Add("resources is not a list"); return; }
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            string? module = null, mode = null, type = null, name = null;
            var instances = new List<(string? Index, long Start, JsonRange Attributes)>();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("module"u8)) module = TerraformJsonWalker.ReadString(ref r);
                else if (r.ValueTextEquals("mode"u8)) mode = TerraformJsonWalker.ReadString(ref r);
                else if (r.ValueTextEquals("type"u8)) type = TerraformJsonWalker.ReadString(ref r);
                else if (r.ValueTextEquals("name"u8)) name = TerraformJsonWalker.ReadString(ref r);
                else if (r.ValueTextEquals("instances"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); continue; }
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                        var start = r.TokenStartIndex;
                        string? index = null;
                        JsonRange attributes = default;
                        var deposed = false;
                        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                        {
                            if (r.ValueTextEquals("index_key"u8)) index = TerraformJsonWalker.ReadIndex(ref r);
                            else if (r.ValueTextEquals("attributes"u8)) { r.Read(); attributes = JsonRange.Capture(ref r); }
                            else if (r.ValueTextEquals("deposed"u8)) { deposed = true; r.Skip(); }
                            else r.Skip();
                        }
                        if (!deposed) instances.Add((index, start, attributes));
                    }
                }
                else r.Skip();
            }
            if (!TerraformAddress.IsSupportedType(type) || mode == "data" || name is null) continue;
            foreach (var i in instances)
                into.Add(new ResourceSlot(TerraformAddress.Compose(module, type!, name, i.Index), type!, string.IsNullOrEmpty(module) ? null : module, i.Start, i.Attributes));
        }
    }
}
