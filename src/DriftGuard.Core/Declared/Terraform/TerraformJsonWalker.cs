using System.Text.Json;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>A supported resource found while streaming: where its values are, not the values themselves.</summary>
/// <param name="Address">Full address (module path + type.name + instance key).</param>
/// <param name="Type">Resource type.</param>
/// <param name="ModulePath">Module instance path, null for the root module.</param>
/// <param name="ObjectStart">Offset of the resource object (for its line).</param>
/// <param name="Values">Range of the <c>values</c>/<c>attributes</c> object; empty when absent.</param>
internal sealed record ResourceSlot(string Address, string Type, string? ModulePath, long ObjectStart, JsonRange Values);

/// <summary>A supported entry of a plan's <c>resource_changes</c>.</summary>
internal sealed record ChangeSlot(string Address, string Type, string? ModulePath, long ObjectStart, IReadOnlyList<string> Actions, JsonRange After, JsonRange AfterUnknown)
{
    /// <summary>True when the change only destroys the resource: its values are not part of the declared state.</summary>
    public bool DeleteOnly => Actions.Count > 0 && Actions.All(a => a == "delete");
}

/// <summary>
/// Streams the parts of Terraform's JSON output formats (https://developer.hashicorp.com/terraform/internals/json-format)
/// that hold security groups with <see cref="Utf8JsonReader"/>, recording byte ranges instead of building a
/// document, and skipping everything else. Readers then parse only the ranges of supported resources.
/// </summary>
internal static class TerraformJsonWalker
{
    /// <summary>Module nesting beyond this is refused (the reader depth limit usually stops it first); keeps recursion shallow.</summary>
    public const int MaxModuleNesting = 100;

    /// <summary>Reads the string value at the reader (after a property name), or null for any other token (skipped).</summary>
    public static string? ReadString(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.String) return r.GetString();
        if (r.TokenType == JsonTokenType.Number) return System.Text.Encoding.UTF8.GetString(r.ValueSpan);
        r.Skip();
        return null;
    }

    /// <summary>
    /// A values representation (<c>planned_values</c>, <c>prior_state.values</c>, <c>show -json</c> state <c>values</c>):
    /// the reader is on its StartObject; walks <c>root_module</c> and nested <c>child_modules</c>.
    /// </summary>
    public static void WalkValues(ref Utf8JsonReader r, List<ResourceSlot> into, List<string> problems)
    {
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); problems.Add("values is not an object"); return; }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("root_module"u8))
            {
                r.Read();
                WalkModule(ref r, null, 0, into, problems);
            }
            else r.Skip();
        }
    }

    private static void WalkModule(ref Utf8JsonReader r, string? parentAddress, int nesting, List<ResourceSlot> into, List<string> problems)
    {
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
        if (nesting > MaxModuleNesting)
        {
            problems.Add($"modules nested deeper than {MaxModuleNesting}; the deeper ones are not read");
            r.Skip();
            return;
        }
        string? address = parentAddress is null ? null : parentAddress; // root module has no address
        var first = into.Count;
        var pending = new List<(string? Address, string? Type, string? Name, string? Index, long Start, JsonRange Values)>();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("address"u8))
            {
                address = ReadString(ref r);
            }
            else if (r.ValueTextEquals("resources"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); problems.Add("resources is not a list"); continue; }
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                    var slot = ReadResourceObject(ref r);
                    if (slot is { } s) pending.Add(s);
                }
            }
            else if (r.ValueTextEquals("child_modules"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); continue; }
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    WalkModule(ref r, address, nesting + 1, into, problems);
            }
            else r.Skip();
        }
        var module = nesting == 0 ? null : address;
        var resources = new List<ResourceSlot>(pending.Count);
        foreach (var p in pending)
        {
            // Terraform 0.12 writes prior_state child-module resource addresses without the module path.
            var full = p.Address is { Length: > 0 } a ? TerraformAddress.InModule(module, a) : TerraformAddress.Compose(module, p.Type!, p.Name ?? "?", p.Index);
            resources.Add(new ResourceSlot(full, p.Type!, module, p.Start, p.Values));
        }
        // keep file order: this module's resources come before its children's
        into.InsertRange(first, resources);
    }

    /// <summary>One object of a module's <c>resources</c>: null unless a managed resource of a supported type.</summary>
    private static (string? Address, string? Type, string? Name, string? Index, long Start, JsonRange Values)? ReadResourceObject(ref Utf8JsonReader r)
    {
        var start = r.TokenStartIndex;
        string? address = null, type = null, name = null, mode = null, index = null;
        JsonRange values = default;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("address"u8)) address = ReadString(ref r);
            else if (r.ValueTextEquals("type"u8)) type = ReadString(ref r);
            else if (r.ValueTextEquals("name"u8)) name = ReadString(ref r);
            else if (r.ValueTextEquals("mode"u8)) mode = ReadString(ref r);
            else if (r.ValueTextEquals("index"u8)) index = ReadIndex(ref r);
            else if (r.ValueTextEquals("values"u8))
            {
                r.Read();
                values = JsonRange.Capture(ref r);
            }
            else r.Skip();
        }
        if (!TerraformAddress.IsSupportedType(type) || mode == "data") return null;
        return (address, type, name, index, start, values);
    }

    /// <summary>Reads an instance key value (<c>index</c> / <c>index_key</c>): <c>[0]</c> or <c>["key"]</c>.</summary>
    public static string? ReadIndex(ref Utf8JsonReader r)
    {
        r.Read();
        switch (r.TokenType)
        {
            case JsonTokenType.Number when r.TryGetInt64(out var n): return TerraformAddress.IndexOfNumber(n);
            case JsonTokenType.String: return TerraformAddress.IndexOfString(r.GetString()!);
            default: r.Skip(); return null;
        }
    }

    /// <summary>A plan's <c>resource_changes</c> (or <c>resource_drift</c>) array: supported managed entries, deposed objects excluded.</summary>
    public static void WalkChanges(ref Utf8JsonReader r, List<ChangeSlot> into)
    {
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return; }
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            var start = r.TokenStartIndex;
            string? address = null, type = null, name = null, mode = null, module = null, index = null;
            var deposed = false;
            List<string> actions = [];
            JsonRange after = default, afterUnknown = default;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("address"u8)) address = ReadString(ref r);
                else if (r.ValueTextEquals("type"u8)) type = ReadString(ref r);
                else if (r.ValueTextEquals("name"u8)) name = ReadString(ref r);
                else if (r.ValueTextEquals("mode"u8)) mode = ReadString(ref r);
                else if (r.ValueTextEquals("module_address"u8)) module = ReadString(ref r);
                else if (r.ValueTextEquals("index"u8)) index = ReadIndex(ref r);
                else if (r.ValueTextEquals("deposed"u8)) { deposed = true; r.Skip(); }
                else if (r.ValueTextEquals("change"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("actions"u8))
                        {
                            r.Read();
                            if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); continue; }
                            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                                if (r.TokenType == JsonTokenType.String) actions.Add(r.GetString()!);
                                else r.Skip();
                        }
                        else if (r.ValueTextEquals("after"u8)) { r.Read(); after = r.TokenType == JsonTokenType.StartObject ? JsonRange.Capture(ref r) : Skipped(ref r); }
                        else if (r.ValueTextEquals("after_unknown"u8)) { r.Read(); afterUnknown = r.TokenType == JsonTokenType.StartObject ? JsonRange.Capture(ref r) : Skipped(ref r); }
                        else r.Skip();
                    }
                }
                else r.Skip();
            }
            if (deposed || !TerraformAddress.IsSupportedType(type) || mode == "data") continue;
            var full = address ?? TerraformAddress.Compose(module, type!, name ?? "?", index);
            into.Add(new ChangeSlot(full, type!, module ?? ModuleOf(full), start, actions, after, afterUnknown));
        }
    }

    /// <summary>
    /// A plan's <c>configuration</c> object: for each supported resource (root module and nested
    /// <c>module_calls</c>), the attributes it writes and their references. Keys are addresses without
    /// instance keys (configuration has none).
    /// </summary>
    public static void WalkConfiguration(ref Utf8JsonReader r, Dictionary<string, TerraformConfigInfo> into)
    {
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("root_module"u8)) { r.Read(); WalkConfigModule(ref r, null, 0, into); }
            else r.Skip();
        }
    }

    private static void WalkConfigModule(ref Utf8JsonReader r, string? path, int nesting, Dictionary<string, TerraformConfigInfo> into)
    {
        if (r.TokenType != JsonTokenType.StartObject || nesting > MaxModuleNesting) { r.Skip(); return; }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("resources"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); continue; }
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                    string? type = null, name = null, mode = null;
                    TerraformConfigInfo? info = null;
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("type"u8)) type = ReadString(ref r);
                        else if (r.ValueTextEquals("name"u8)) name = ReadString(ref r);
                        else if (r.ValueTextEquals("mode"u8)) mode = ReadString(ref r);
                        else if (r.ValueTextEquals("expressions"u8))
                        {
                            r.Read();
                            // expressions precede nothing we need, so the type is normally known here; parse only ours
                            if (r.TokenType == JsonTokenType.StartObject && (type is null || TerraformAddress.IsSupportedType(type)))
                            {
                                using var doc = JsonDocument.ParseValue(ref r);
                                info = TerraformConfigInfo.From(doc.RootElement);
                            }
                            else r.Skip();
                        }
                        else r.Skip();
                    }
                    if (TerraformAddress.IsSupportedType(type) && mode != "data" && name is not null)
                        into[TerraformAddress.Compose(path, type!, name, null)] = info ?? new TerraformConfigInfo();
                }
            }
            else if (r.ValueTextEquals("module_calls"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    var call = r.GetString()!;
                    r.Read();
                    if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("module"u8))
                        {
                            r.Read();
                            WalkConfigModule(ref r, (path is null ? "" : path + ".") + "module." + call, nesting + 1, into);
                        }
                        else r.Skip();
                    }
                }
            }
            else r.Skip();
        }
    }

    /// <summary>The module path of an address (<c>module.a["k"].aws_x.y[0]</c> → <c>module.a["k"]</c>), null at the root.</summary>
    public static string? ModuleOf(string address)
    {
        // the resource part is the last "type.name[index]" pair; module segments come in "module.NAME[key]" pairs
        var bare = address;
        var lastModule = -1;
        var i = 0;
        while (bare.AsSpan(i).StartsWith("module."))
        {
            var nameStart = i + "module.".Length;
            var j = nameStart;
            while (j < bare.Length && bare[j] != '.' && bare[j] != '[') j++;
            if (j < bare.Length && bare[j] == '[')
            {
                var inString = false;
                for (; j < bare.Length; j++)
                {
                    if (inString) { if (bare[j] == '\\') j++; else if (bare[j] == '"') inString = false; }
                    else if (bare[j] == '"') inString = true;
                    else if (bare[j] == ']') { j++; break; }
                }
            }
            if (j >= bare.Length || bare[j] != '.') break;
            lastModule = j;
            i = j + 1;
        }
        return lastModule < 0 ? null : bare[..lastModule];
    }

    private static JsonRange Skipped(ref Utf8JsonReader r)
    {
        r.Skip();
        return default;
    }
}
