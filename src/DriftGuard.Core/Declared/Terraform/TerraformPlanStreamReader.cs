using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>A byte range of the JSON text read by <see cref="TerraformPlanStreamReader"/> (offsets from the text start).</summary>
internal readonly record struct TextRange(long Start, long Length)
{
    public bool IsEmpty => Length == 0;
}

/// <summary>
/// Reads a plan's planned security groups in one streaming pass (<c>terraform show -json</c>,
/// https://developer.hashicorp.com/terraform/internals/json-format#plan-representation), holding only a small
/// buffer of the file, never the whole of it.
/// </summary>
/// <remarks>
/// <para>Groups in <c>planned_values</c> are read directly into expanded rules (<see cref="PlannedGroupReader"/>).
/// <c>resource_changes</c> (later in the file) contributes only each change's actions and what its <c>after_unknown</c>
/// marks unknown; its <c>after</c> and <c>before</c> copies are skipped. A resource the direct path cannot take (a
/// standalone rule resource, rules unknown until apply, an unusual shape, a resource found only in
/// <c>resource_changes</c>) keeps the byte ranges of its values and is read again at the end, from those ranges only,
/// by <see cref="TerraformResourceMapper"/>: the result is the same as reading the whole file into memory.</para>
/// <para>The text must already be checked (UTF-8, starts with <c>{</c>); a syntax error anywhere fails the document.</para>
/// </remarks>
internal sealed class TerraformPlanStreamReader
{
    private const IacKind Kind = IacKind.TerraformPlan;

    private readonly Stream _stream;
    private readonly long _origin;
    private readonly string _display;
    private readonly JsonDocumentOptions _documentOptions;
    private readonly JsonStreamCursor _cursor;
    private readonly Utf8StringPool _pool = new();
    private readonly PlannedGroupReader _groups;
    private readonly List<PlannedSlot> _planned = [];
    private readonly List<ChangeEntry> _changes = [];
    private readonly Dictionary<string, TerraformConfigInfo> _configuration = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private string? _formatVersion;
    private bool _hasConfiguration;

    private TerraformPlanStreamReader(Stream stream, long origin, string display, ReaderOptions options, byte[] buffer)
    {
        _stream = stream;
        _origin = origin;
        _display = display;
        var depth = Math.Max(1, options.MaxDepth);
        _documentOptions = new JsonDocumentOptions { MaxDepth = depth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var readerOptions = new JsonReaderOptions { MaxDepth = depth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        _cursor = new JsonStreamCursor(stream, readerOptions, buffer);
        _groups = new PlannedGroupReader(_cursor, _pool);
    }

    /// <summary>
    /// Reads the JSON text of a seekable <paramref name="stream"/> positioned at the text start, which is at stream
    /// position <paramref name="origin"/> (after a byte-order mark). <paramref name="buffer"/> is the initial read buffer.
    /// </summary>
    public static DeclaredDocument Read(Stream stream, long origin, string display, ReaderOptions options, byte[] buffer) =>
        new TerraformPlanStreamReader(stream, origin, display, options, buffer).Run();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DeclaredDocument Run()
    {
        try
        {
            var r = _cursor.Begin();
            _cursor.Read(ref r);
            while (_cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("format_version"u8))
                {
                    _formatVersion = ReadString(ref r);
                    if (TerraformFormatVersion.Check(_formatVersion) is { } error)
                        return DeclaredDocument.Failed(_display, Kind, _cursor.LineAt(_cursor.TokenOffset(r)), error);
                }
                else if (r.ValueTextEquals("planned_values"u8)) { _cursor.Read(ref r); WalkValues(ref r); }
                else if (r.ValueTextEquals("resource_changes"u8)) { _cursor.Read(ref r); WalkChanges(ref r); }
                else if (r.ValueTextEquals("configuration"u8))
                {
                    // small next to the values: buffered whole and read by the walker shared with the other readers
                    var configuration = _cursor.ReadValueWhole(ref r);
                    configuration.Read();
                    _hasConfiguration = true;
                    TerraformJsonWalker.WalkConfiguration(ref configuration, _configuration);
                }
                else _cursor.Skip(ref r);
            }
        }
        catch (JsonException ex)
        {
            return TerraformJsonSource.Failed(_display, Kind, ex);
        }
        return Assemble();
    }

    /// <summary>A string (or number as text) value; <paramref name="shared"/> for the few values repeated by every resource (type, mode).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ReadString(ref Utf8JsonReader r, bool shared = false)
    {
        _cursor.Read(ref r);
        if (r.TokenType == JsonTokenType.String) return shared ? _pool.Get(ref r) : r.GetString();
        if (r.TokenType == JsonTokenType.Number) return Encoding.UTF8.GetString(r.ValueSpan);
        _cursor.Skip(ref r);
        return null;
    }

    private string? ReadIndex(ref Utf8JsonReader r)
    {
        _cursor.Read(ref r);
        switch (r.TokenType)
        {
            case JsonTokenType.Number when r.TryGetInt64(out var n): return TerraformAddress.IndexOfNumber(n);
            case JsonTokenType.String: return TerraformAddress.IndexOfString(r.GetString()!);
            default: _cursor.Skip(ref r); return null;
        }
    }

    private void WalkValues(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) { _cursor.Skip(ref r); _problems.Add("values is not an object"); return; }
        while (_cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("root_module"u8))
            {
                _cursor.Read(ref r);
                WalkModule(ref r, null, 0);
            }
            else _cursor.Skip(ref r);
        }
    }

    /// <summary>One module of <c>planned_values</c>; its own resources are listed before its children's (file order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WalkModule(ref Utf8JsonReader r, string? parentAddress, int nesting)
    {
        if (r.TokenType != JsonTokenType.StartObject) { _cursor.Skip(ref r); return; }
        if (nesting > TerraformJsonWalker.MaxModuleNesting)
        {
            _problems.Add($"modules nested deeper than {TerraformJsonWalker.MaxModuleNesting}; the deeper ones are not read");
            _cursor.Skip(ref r);
            return;
        }
        var address = parentAddress;
        var first = _planned.Count;
        var pending = new List<PendingResource>();
        while (_cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("address"u8))
            {
                address = ReadString(ref r);
            }
            else if (r.ValueTextEquals("resources"u8))
            {
                _cursor.Read(ref r);
                if (r.TokenType != JsonTokenType.StartArray) { _cursor.Skip(ref r); _problems.Add("resources is not a list"); continue; }
                while (_cursor.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
                {
                    if (r.TokenType != JsonTokenType.StartObject) { _cursor.Skip(ref r); continue; }
                    if (ReadResource(ref r, nesting) is { } resource) pending.Add(resource);
                }
            }
            else if (r.ValueTextEquals("child_modules"u8))
            {
                _cursor.Read(ref r);
                if (r.TokenType != JsonTokenType.StartArray) { _cursor.Skip(ref r); continue; }
                while (_cursor.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
                    WalkModule(ref r, address, nesting + 1);
            }
            else _cursor.Skip(ref r);
        }
        var module = nesting == 0 ? null : address;
        var slots = new List<PlannedSlot>(pending.Count);
        foreach (var p in pending)
        {
            // Terraform 0.12 writes prior_state child-module resource addresses without the module path.
            var full = p.Address is { Length: > 0 } a ? TerraformAddress.InModule(module, a) : TerraformAddress.Compose(module, p.Type, p.Name ?? "?", p.Index);
            var group = p.Group is { } g && g.Address == full && g.Type == p.Type ? g : null;
            slots.Add(new PlannedSlot(full, p.Type, module, p.Line, p.Values, group));
        }
        _planned.InsertRange(first, slots);
    }

    /// <summary>One object of a module's <c>resources</c>: null unless a managed resource of a supported type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PendingResource? ReadResource(ref Utf8JsonReader r, int nesting)
    {
        var line = _cursor.LineAt(_cursor.TokenOffset(r));
        string? address = null, type = null, name = null, mode = null, index = null;
        TextRange values = default;
        PlannedGroup? group = null;
        while (_cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("address"u8)) address = ReadString(ref r);
            else if (r.ValueTextEquals("type"u8)) type = ReadString(ref r, shared: true);
            else if (r.ValueTextEquals("name"u8)) name = ReadString(ref r);
            else if (r.ValueTextEquals("mode"u8)) mode = ReadString(ref r, shared: true);
            else if (r.ValueTextEquals("index"u8)) index = ReadIndex(ref r);
            else if (r.ValueTextEquals("values"u8))
            {
                _cursor.Read(ref r);
                var start = _cursor.TokenOffset(r);
                group = null;
                // The direct path needs the final address now: the resource's own address (Terraform writes it first,
                // with its module path); checked against the address composed at the end of the module.
                if (r.TokenType == JsonTokenType.StartObject && type is not null && TerraformAddress.IsGroupType(type) && mode != "data"
                    && address is { Length: > 0 } provisional && (nesting == 0 || provisional.StartsWith("module.", StringComparison.Ordinal)))
                    group = _groups.Read(ref r, provisional, type, new SourceLocation(_display, line, provisional));
                else _cursor.Skip(ref r);
                values = new TextRange(start, _cursor.ConsumedOffset(r) - start);
            }
            else _cursor.Skip(ref r);
        }
        if (!TerraformAddress.IsSupportedType(type) || mode == "data") return null;
        return new PendingResource(address, type!, name, index, line, values, group);
    }

    /// <summary>A plan's <c>resource_changes</c>: supported managed entries, deposed objects excluded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WalkChanges(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray) { _cursor.Skip(ref r); return; }
        while (_cursor.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { _cursor.Skip(ref r); continue; }
            var line = _cursor.LineAt(_cursor.TokenOffset(r));
            string? address = null, type = null, name = null, mode = null, module = null, index = null;
            var deposed = false;
            var actions = 0;
            var deletes = 0;
            TextRange after = default, afterUnknown = default;
            var unknowns = PlanUnknowns.None;
            while (_cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("address"u8)) address = ReadString(ref r);
                else if (r.ValueTextEquals("type"u8)) type = ReadString(ref r, shared: true);
                else if (r.ValueTextEquals("name"u8)) name = ReadString(ref r);
                else if (r.ValueTextEquals("mode"u8)) mode = ReadString(ref r, shared: true);
                else if (r.ValueTextEquals("module_address"u8)) module = ReadString(ref r);
                else if (r.ValueTextEquals("index"u8)) index = ReadIndex(ref r);
                else if (r.ValueTextEquals("deposed"u8)) { deposed = true; _cursor.Skip(ref r); }
                else if (r.ValueTextEquals("change"u8))
                {
                    _cursor.Read(ref r);
                    if (r.TokenType != JsonTokenType.StartObject) { _cursor.Skip(ref r); continue; }
                    while (_cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("actions"u8))
                        {
                            _cursor.Read(ref r);
                            if (r.TokenType != JsonTokenType.StartArray) { _cursor.Skip(ref r); continue; }
                            while (_cursor.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
                            {
                                if (r.TokenType != JsonTokenType.String) { _cursor.Skip(ref r); continue; }
                                actions++;
                                if (r.ValueTextEquals("delete"u8)) deletes++;
                            }
                        }
                        else if (r.ValueTextEquals("after"u8)) after = SkipObject(ref r);
                        else if (r.ValueTextEquals("after_unknown"u8))
                        {
                            _cursor.Read(ref r);
                            var start = _cursor.TokenOffset(r);
                            if (r.TokenType == JsonTokenType.StartObject)
                            {
                                unknowns = ReadUnknowns(ref r);
                                afterUnknown = new TextRange(start, _cursor.ConsumedOffset(r) - start);
                            }
                            else { _cursor.Skip(ref r); afterUnknown = default; unknowns = PlanUnknowns.None; }
                        }
                        else _cursor.Skip(ref r);
                    }
                }
                else _cursor.Skip(ref r);
            }
            if (deposed || !TerraformAddress.IsSupportedType(type) || mode == "data") continue;
            var full = address ?? TerraformAddress.Compose(module, type!, name ?? "?", index);
            _changes.Add(new ChangeEntry(full, type!, module ?? TerraformJsonWalker.ModuleOf(full), line,
                DeleteOnly: actions > 0 && deletes == actions, after, afterUnknown, unknowns));
        }
    }

    /// <summary>The range of an object value (skipped), or empty for any other value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TextRange SkipObject(ref Utf8JsonReader r)
    {
        _cursor.Read(ref r);
        var start = _cursor.TokenOffset(r);
        var isObject = r.TokenType == JsonTokenType.StartObject;
        _cursor.Skip(ref r);
        return isObject ? new TextRange(start, _cursor.ConsumedOffset(r) - start) : default;
    }

    /// <summary>
    /// Reads an <c>after_unknown</c> object: which group attributes are exactly <c>true</c> (the last of a repeated key
    /// wins, as in a JSON document), and whether any <c>true</c> lies under <c>ingress</c>/<c>egress</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PlanUnknowns ReadUnknowns(ref Utf8JsonReader r)
    {
        var flags = PlanUnknowns.None;
        while (_cursor.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            var flag =
                r.ValueTextEquals("id"u8) ? PlanUnknowns.Id :
                r.ValueTextEquals("name"u8) ? PlanUnknowns.Name :
                r.ValueTextEquals("description"u8) ? PlanUnknowns.Description :
                r.ValueTextEquals("vpc_id"u8) ? PlanUnknowns.VpcId :
                r.ValueTextEquals("owner_id"u8) ? PlanUnknowns.OwnerId :
                r.ValueTextEquals("ingress"u8) || r.ValueTextEquals("egress"u8) ? PlanUnknowns.Rules : PlanUnknowns.None;
            if (flag == PlanUnknowns.None) { _cursor.Skip(ref r); continue; }
            _cursor.Read(ref r);
            if (flag == PlanUnknowns.Rules)
            {
                if (ContainsTrue(ref r)) flags |= PlanUnknowns.Rules;
                continue;
            }
            flags = r.TokenType == JsonTokenType.True ? flags | flag : flags & ~flag;
            _cursor.Skip(ref r);
        }
        return flags;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ContainsTrue(ref Utf8JsonReader r)
    {
        if (r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return r.TokenType == JsonTokenType.True;
        var found = false;
        var depth = r.CurrentDepth;
        do
        {
            if (!_cursor.Read(ref r)) break;
            found |= r.TokenType == JsonTokenType.True;
        }
        while (depth < r.CurrentDepth);
        return found;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DeclaredDocument Assemble()
    {
        var assembler = new TerraformGroupAssembler(_display, Kind, inlineIsRefreshedState: false);
        foreach (var p in _problems) assembler.Warning(new Diagnostic(_display, 0, p));
        if (_planned.Count == 0 && _changes.Count == 0 && _formatVersion is null)
            assembler.Warning(new Diagnostic(_display, 1, "no planned_values or resource_changes: is this a `terraform show -json` plan?"));

        var changeByAddress = new Dictionary<string, ChangeEntry>(StringComparer.Ordinal);
        foreach (var c in _changes) changeByAddress[c.Address] = c;

        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in _planned)
        {
            changeByAddress.TryGetValue(p.Address, out var change);
            if (change is { DeleteOnly: true } || !done.Add(p.Address)) continue;
            var unknowns = change?.Unknowns ?? PlanUnknowns.None;
            if (p.Group is { } group && !unknowns.HasFlag(PlanUnknowns.Rules))
            {
                assembler.AddExpanded(group.ToDeclaration(unknowns), group.HadInline, group.Rules, group.Errors, group.Warnings);
                continue;
            }
            var values = p.Values.IsEmpty && change is not null ? change.After : p.Values;
            MapExact(assembler, p.Address, p.Type, p.ModulePath, p.Line, values, change?.AfterUnknown ?? default, Config(p.Address));
        }
        // resources only in resource_changes (no planned_values section): read their "after"
        foreach (var c in _changes)
        {
            if (c.DeleteOnly || c.After.IsEmpty || !done.Add(c.Address)) continue;
            MapExact(assembler, c.Address, c.Type, c.ModulePath, c.Line, c.After, c.AfterUnknown, Config(c.Address));
        }
        return assembler.Build();
    }

    private TerraformConfigInfo? Config(string address) =>
        _hasConfiguration ? _configuration.GetValueOrDefault(TerraformAddress.WithoutIndex(address)) : null;

    /// <summary>Reads one resource again from its byte ranges and maps it with the general mapper; a bad resource becomes an error.</summary>
    private void MapExact(TerraformGroupAssembler assembler, string address, string type, string? module, int line,
        TextRange values, TextRange afterUnknown, TerraformConfigInfo? config)
    {
        try
        {
            if (values.IsEmpty)
            {
                assembler.Error(line, address, "has no values");
                return;
            }
            using var valuesDoc = JsonDocument.Parse(ReadRange(values), _documentOptions);
            using var unknownDoc = afterUnknown.IsEmpty ? null : JsonDocument.Parse(ReadRange(afterUnknown), _documentOptions);
            var obj = new TfObject(valuesDoc.RootElement, unknownDoc?.RootElement ?? default, Interpolation: false);
            TerraformResourceMapper.Map(new TerraformResource(address, type, module, new SourceLocation(_display, line, address), config), obj, assembler);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or IndexOutOfRangeException)
        {
            assembler.Error(line, address, $"cannot read resource: {ex.Message}");
        }
    }

    private byte[] ReadRange(TextRange range)
    {
        var bytes = new byte[range.Length];
        _stream.Position = _origin + range.Start;
        _stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>A supported resource of a module, before the module's own address is known.</summary>
    private sealed record PendingResource(string? Address, string Type, string? Name, string? Index, int Line, TextRange Values, PlannedGroup? Group);

    /// <summary>A supported resource of <c>planned_values</c>: where its values are, and the group when read directly.</summary>
    private sealed record PlannedSlot(string Address, string Type, string? ModulePath, int Line, TextRange Values, PlannedGroup? Group);

    /// <summary>A supported entry of <c>resource_changes</c>.</summary>
    private sealed record ChangeEntry(string Address, string Type, string? ModulePath, int Line, bool DeleteOnly,
        TextRange After, TextRange AfterUnknown, PlanUnknowns Unknowns);
}
