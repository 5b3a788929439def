using System.Text;

namespace DriftGuard.Core.Ledger;

/// <summary>
/// The ledger as a local JSON Lines file. The ledger file itself is the lock: a writer opens it with
/// <see cref="FileShare.None"/>, a reader with <see cref="FileShare.Read"/> (on Linux and macOS .NET maps these to
/// <c>flock</c> exclusive and shared locks, on Windows to share modes), so concurrent processes append whole lines one
/// after another, readers never see half a line, and nothing is left beside the ledger: no lock file, no stale lock after
/// a crash. A reader never creates anything. Appends are flushed to disk before the file is closed.
/// </summary>
/// <param name="path">Ledger file; created with its folder on first append.</param>
/// <param name="lockTimeout">How long to wait for the lock (default 30 s) before <see cref="LedgerException"/>.</param>
public sealed class FileLedgerStore(string path, TimeSpan? lockTimeout = null) : ILedgerStore
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly TimeSpan _lockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public string Name => path;

    /// <inheritdoc />
    public async Task<LedgerReadResult> ReadAsync(CancellationToken ct)
    {
        if (!File.Exists(path)) return LedgerReadResult.Empty;
        try
        {
            await using var file = await OpenLockedAsync(FileMode.Open, FileAccess.Read, FileShare.Read, ct).ConfigureAwait(false);
            // Read the length the file has under the shared lock, never "to the end": a device given by mistake
            // (/dev/full, /dev/zero) reports length 0 and never ends.
            if (file.Length > int.MaxValue) throw new LedgerException($"{path}: ledger larger than 2 GiB; start a new ledger file");
            var bytes = new byte[file.Length];
            var read = await file.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            using var reader = new StreamReader(new MemoryStream(bytes, 0, read), Utf8, detectEncodingFromByteOrderMarks: true);
            var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            return LedgerLines.Parse(text, path);
        }
        catch (FileNotFoundException)
        {
            return LedgerReadResult.Empty; // removed between the check and the open
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LedgerException($"{path}: cannot read ledger: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            await using var file = await OpenLockedAsync(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, ct).ConfigureAwait(false);
            // A line cut short by a crash would glue itself to ours: start on a fresh line.
            if (file.Length > 0)
            {
                file.Seek(-1, SeekOrigin.End);
                var last = file.ReadByte();
                file.Seek(0, SeekOrigin.End);
                if (last != '\n') file.WriteByte((byte)'\n');
            }
            var bytes = Utf8.GetBytes(LedgerLines.Format(entries));
            await file.WriteAsync(bytes, ct).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LedgerException($"{path}: cannot append to ledger: {ex.Message}", ex);
        }
    }

    /// <summary>Opens the ledger with <paramref name="share"/> (the lock), retrying while another process holds a conflicting one.</summary>
    private async Task<FileStream> OpenLockedAsync(FileMode mode, FileAccess access, FileShare share, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _lockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, mode, access, share);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(Random.Shared.Next(5, 25), ct).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new LedgerException($"{path}: ledger still locked by another process after {_lockTimeout.TotalSeconds:0} s", ex);
            }
        }
    }
}
