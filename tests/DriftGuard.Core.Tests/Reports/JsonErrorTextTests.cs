using System.Text.Json;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Reports;

/// <summary>JSON errors read FILE:LINE:COLUMN: message, without System.Text.Json's location tail or internal type names.</summary>
public class JsonErrorTextTests
{
    private sealed record Shape(int Version);

    private static JsonException Catch(Action parse)
    {
        try { parse(); }
        catch (JsonException ex) { return ex; }
        throw new InvalidOperationException("no JSON error");
    }

    [Fact]
    public void Diagnostic_WhenSyntaxErrorOnThirdLine_ShouldGiveLineColumnAndTheMessageAlone()
    {
        // Given
        var ex = Catch(() => JsonDocument.Parse("{\n  \"a\": 1,\n  \"b\": ]\n}"));
        // When
        var line = JsonErrorText.Diagnostic("plan.json", ex, "invalid JSON").ToCliLine("error");
        // Then
        line.ShouldBe("error: plan.json:3:8: invalid JSON: ']' is an invalid start of a value");
    }

    [Fact]
    public void Diagnostic_WhenValueHasTheWrongType_ShouldNameThePathNotTheInternalType()
    {
        // Given
        var ex = Catch(() => JsonSerializer.Deserialize<Shape>("{\"Version\":\"2.1.0\"}"));
        // When
        var diagnostic = JsonErrorText.Diagnostic("x.sarif", ex, "not a DriftGuard JSON result");
        // Then
        diagnostic.Message.ShouldBe("not a DriftGuard JSON result: unexpected value at $.Version");
        diagnostic.ToCliLine("warning").ShouldNotContain("LineNumber");
        diagnostic.ToCliLine("warning").ShouldNotContain(nameof(Shape));
    }
}
