using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.Terraform;

/// <summary>
/// Reads Terraform JSON configuration (<c>*.tf.json</c>, https://developer.hashicorp.com/terraform/language/syntax/json)
/// and CDKTF synth output (<c>cdk.tf.json</c>): <c>resource.&lt;type&gt;.&lt;name&gt;</c> bodies of the supported types.
/// </summary>
/// <remarks>
/// <c>"//"</c> keys (comments, CDKTF metadata) are ignored at every level. Configuration is not evaluated, so any
/// string containing <c>${…}</c> is unknown (<see cref="RawValue.Unknown"/>); a list written as one <c>${…}</c>
/// string is a whole unknown peer list. <c>ingress</c>/<c>egress</c> may be one block object or a list of blocks;
/// CDKTF writes <c>null</c> for empty lists. A standalone rule's group is found from a
/// <c>${aws_security_group.x.id}</c> reference. Addresses carry no instance key (count/for_each are not expanded).
/// </remarks>
public sealed class TerraformJsonConfigReader : IDeclaredReader
{
    /// <inheritdoc />
    public IacKind Kind => IacKind.TerraformJson;

    /// <inheritdoc />
    public DeclaredDocument Read(string path, string displayPath, ReaderOptions options)
    {
        return TerraformJsonSource.Guard(displayPath, Kind, () =>
        {
            var source = TerraformJsonSource.Load(path, displayPath, options, Kind, out var failure);
            return source is null ? failure! : Read(source);
        });
    }

    /// <summary>Reads Terraform JSON configuration already in memory.</summary>
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
        var bodies = new List<(string Type, string Name, long Start, JsonRange Body)>();
        var problems = new List<Diagnostic>();
        try
        {
            var r = new Utf8JsonReader(source.Span, source.ReaderOptions);
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("resource"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.StartObject) ReadResourceBlock(ref r, source, bodies, problems);
                    else if (r.TokenType == JsonTokenType.StartArray)
                    {
                        // the JSON syntax also allows a list of resource objects
                        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                            if (r.TokenType == JsonTokenType.StartObject) ReadResourceBlock(ref r, source, bodies, problems);
                            else r.Skip();
                    }
                    else
                    {
                        problems.Add(new Diagnostic(source.Display, source.LineAt(r.TokenStartIndex), "resource must be an object"));
                        r.Skip();
                    }
                }
                else r.Skip();
            }
        }
        catch (JsonException ex)
        {
            return source.Failed(Kind, ex);
        }

        var assembler = new TerraformGroupAssembler(source.Display, Kind, inlineIsRefreshedState: false);
        foreach (var p in problems) assembler.Error(p);
        foreach (var (type, name, start, body) in bodies)
        {
            var address = TerraformAddress.Compose(null, type, name, null);
            var line = source.LineAt(start);
            try
            {
                using var doc = source.Parse(body);
                var obj = new TfObject(doc.RootElement, default, Interpolation: true);
                TerraformResourceMapper.Map(new TerraformResource(address, type, null, new SourceLocation(source.Display, line, address), null), obj, assembler);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or IndexOutOfRangeException)
            {
                assembler.Error(line, address, $"cannot read resource: {ex.Message}");
            }
        }
        return assembler.Build();
    }

    /// <summary><c>{ "type": { "name": { body } | [ { body } ] } }</c>: records the bodies of supported types.</summary>
    private static void ReadResourceBlock(ref Utf8JsonReader r, TerraformJsonSource source, List<(string, string, long, JsonRange)> into, List<Diagnostic> problems)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var type = r.GetString()!;
            r.Read();
            if (type == "//" || !TerraformAddress.IsSupportedType(type)) { r.Skip(); continue; }
            if (r.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(new Diagnostic(source.Display, source.LineAt(r.TokenStartIndex), $"resource.{type} must be an object of named resources") { Resource = type });
                r.Skip();
                continue;
            }
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = r.GetString()!;
                r.Read();
                if (name == "//") { r.Skip(); continue; }
                if (r.TokenType == JsonTokenType.StartObject) into.Add((type, name, r.TokenStartIndex, JsonRange.Capture(ref r)));
                else if (r.TokenType == JsonTokenType.StartArray)
                {
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                        if (r.TokenType == JsonTokenType.StartObject) into.Add((type, name, r.TokenStartIndex, JsonRange.Capture(ref r)));
                        else r.Skip();
                }
                else
                {
                    problems.Add(new Diagnostic(source.Display, source.LineAt(r.TokenStartIndex), $"{type}.{name}: resource body must be an object, got a {r.TokenType}") { Resource = $"{type}.{name}" });
                    r.Skip();
                }
            }
        }
    }
}
