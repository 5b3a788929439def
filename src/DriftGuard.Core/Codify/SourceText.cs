using System.Text;

namespace DriftGuard.Core.Codify;

/// <summary>
/// An IaC file's text for editing. <see cref="File.ReadAllText(string)"/> drops a UTF-8 byte-order mark; the mark is
/// remembered here and put back by <see cref="Restore"/>, so an edited file keeps its first three bytes too.
/// </summary>
internal static class SourceText
{
    /// <summary>The text without the mark, and whether the file starts with one. Throws the I/O exceptions of <see cref="File.ReadAllBytes"/>, and <see cref="IOException"/> for text that is not UTF-8.</summary>
    public static (string Text, bool Bom) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = bytes is [0xEF, 0xBB, 0xBF, ..];
        // Strict decoding: a replacement character written back would change bytes the edit never touched.
        try { return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)), bom); }
        catch (DecoderFallbackException) { throw new IOException($"{path} is not UTF-8 text"); }
    }

    /// <summary><paramref name="edited"/> with the mark put back when the file had one (it becomes EF BB BF again when written as UTF-8).</summary>
    public static string Restore(string edited, bool bom) => bom ? "\uFEFF" + edited : edited;
}
