using System.Text.Json;

namespace DriftGuard.Sandbox.Persistence;

/// <summary>
/// Reads and writes the state file. Writes go to a temporary file that then replaces the target, so a reader
/// never sees half a world. An unreadable or foreign file is an error at start, never silently replaced.
/// </summary>
internal sealed class SandboxStateFile(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public SandboxStateDocument? Load()
    {
        if (!File.Exists(Path)) return null;
        SandboxStateDocument? document;
        try
        {
            using var stream = File.OpenRead(Path);
            document = JsonSerializer.Deserialize(stream, SandboxJsonContext.Default.SandboxStateDocument);
        }
        catch (JsonException ex)
        {
            // Line and column as FILE:LINE:COLUMN, the message without System.Text.Json's location tail or type names.
            var what = ex.Message.Split(" Path: ")[0].Split(" LineNumber: ")[0].TrimEnd('.', ' ', '|');
            if (what.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)) what = $"unexpected value at {ex.Path}";
            throw new InvalidDataException($"{Path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: not a sandbox state file ({what})", ex);
        }
        if (document is null || document.Format != SandboxStateDocument.CurrentFormat)
            throw new InvalidDataException($"{Path}: unsupported sandbox state format (expected {SandboxStateDocument.CurrentFormat})");
        return document;
    }

    public void Save(SandboxStateDocument document)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temp = $"{Path}.{Environment.ProcessId}.tmp";
        using (var stream = File.Create(temp))
            JsonSerializer.Serialize(stream, document, SandboxJsonContext.Default.SandboxStateDocument);
        File.Move(temp, Path, overwrite: true);
    }
}
