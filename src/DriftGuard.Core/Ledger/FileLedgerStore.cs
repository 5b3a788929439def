using System.Text;

namespace DriftGuard.Core.Ledger;

/// <summary>
/// The ledger as a local JSON Lines file. Readers and writers take an exclusive lock on <c>PATH.lock</c>
/// (an OS file lock: on Linux and macOS .NET maps <see cref="FileShare.None"/> to <c>flock</c>, on Windows to a
/// share-mode lock), so concurrent processes append whole lines one after another and a crashed writer never
/// leaves a stale lock behind. Appends are flushed to disk before the lock is released.
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
            await using var held = await LockAsync(ct).ConfigureAwait(false);
            var text = await File.ReadAllTextAsync(path, Utf8, ct).ConfigureAwait(false);
            return LedgerLines.Parse(text, path);
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
            await using var held = await LockAsync(ct).ConfigureAwait(false);
            await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
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

    private async Task<FileStream> LockAsync(CancellationToken ct)
    {
        var lockPath = path + ".lock";
        var deadline = DateTime.UtcNow + _lockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Random.Shared.Next(5, 25), ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new LedgerException($"{path}: ledger lock {lockPath} still held after {_lockTimeout.TotalSeconds:0} s", ex);
            }
        }
    }
}
