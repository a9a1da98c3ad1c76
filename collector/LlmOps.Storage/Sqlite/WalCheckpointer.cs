using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;
using SQLitePCL;

namespace LlmOps.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file on its own connection and thread. With SQLite's default auto-checkpoint
/// the writer connection does that copy (and its fsync) inside the commit that crosses 1,000 WAL pages, so every few
/// dozen batches one acknowledgement waits for a checkpoint. Here the writer only signals after each commit; the
/// checkpointer runs a PASSIVE checkpoint (it never blocks the writer or readers) at most once per
/// <see cref="MinimumInterval"/>, and the WAL is reused from its start once a checkpoint has copied all of it.
/// <para>
/// SQLite fsyncs the database file only when a checkpoint has caught up with the whole WAL; under steady writes that is
/// rare, so the pages it copies stay dirty in the page cache for seconds and one fsync (or the kernel's 30-second
/// flusher) then writes hundreds of megabytes at once. On ext4 every commit's WAL fsync waits for that journal commit:
/// ingest stalled for 100–350 ms about every 30 s. On Linux the checkpointer therefore starts write-back of the database
/// file and its WAL after each checkpoint (<c>sync_file_range</c>, which neither waits nor commits the journal), so the
/// data trickle to disk and the eventual fsync finds little left to write. (The WAL matters where commits do not fsync
/// it, with <c>synchronous = NORMAL</c>.)
/// </para>
/// <para>
/// SQLite starts the WAL again from its beginning only when a write transaction begins while every frame has been
/// copied. Under continuous commits the writer has nearly always begun its next transaction before a background
/// checkpoint finishes, so the WAL grew without bound (gigabytes within minutes at a few thousand spans/s, with its
/// index in shared memory growing alongside). When a checkpoint finds the WAL larger than the configured limit, it asks
/// the writer to finish the job: the writer runs one PASSIVE checkpoint itself right after its next commit
/// (<see cref="CatchUpIfRequested"/>), when no new frames can arrive, so it copies the few frames the background
/// checkpoint left and its next transaction starts the WAL again from its beginning, unless a reader holds a snapshot in
/// the WAL at that moment: the request therefore stays until a commit finds the WAL started again. The WAL thus stays
/// near the limit plus what is written between two background checkpoints.
/// </para>
/// <para>
/// That is not a bound when a background checkpoint itself is slow (a busy disk: copies and fsyncs take seconds): the
/// WAL grows while it runs and the writer's catch-up finds the checkpoint lock taken. So the writer also looks at the
/// WAL file's size after each commit (one <c>fstat</c>); past twice the limit it waits for the background checkpoint to
/// finish and runs a RESTART checkpoint itself, waiting at most <see cref="HardLimitWait"/> for readers to leave the
/// WAL. Ingest waits meanwhile (the receivers' queue fills and they answer "retry later"): the WAL's size is bounded
/// by twice the limit plus one commit. The file's size says how much the WAL holds because SQLite truncates it to
/// <c>journal_size_limit</c>, which <see cref="StartAsync"/> sets to the limit, with the first commit after each restart.
/// </para>
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>Shortest time between two checkpoints: commits in between are copied together.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the writer's RESTART checkpoint past the hard limit waits for readers to leave the WAL.</summary>
    public static readonly TimeSpan HardLimitWait = TimeSpan.FromMilliseconds(250);

    private const uint SyncFileRangeWrite = 2;

    private readonly SqliteConnection _connection;
    private readonly SafeFileHandle[] _files;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _limitFrames;
    private readonly long _hardLimitBytes;
    private readonly int _busyTimeoutMs;
    private readonly SafeFileHandle? _wal;

    /// <summary>Held around background checkpoints, so that the writer's RESTART past the hard limit can wait for one.</summary>
    private readonly Lock _gate = new();
    private int _pending;
    private int _catchUpRequested;
    private long _catchUps;
    private long _hardCatchUps;
    private int _catchUpLog;
    private long _checkpoints;
    private long _writeBacks;
    private bool _writeBackFailed;

    private WalCheckpointer(SqliteConnection connection, SafeFileHandle[] files, SafeFileHandle? wal, TimeProvider time, long limitFrames, long limitBytes, int busyTimeoutMs)
    {
        _connection = connection;
        _files = files;
        _wal = wal;
        _time = time;
        _limitFrames = limitFrames;
        _hardLimitBytes = 2 * limitBytes;
        _busyTimeoutMs = busyTimeoutMs;
        _loop = Task.Factory.StartNew(
            () => RunAsync(_stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>Checkpoints run so far (for tests and diagnostics).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Write-backs of the database file started after checkpoints (Linux only; for tests and diagnostics).</summary>
    public long WriteBacks => Interlocked.Read(ref _writeBacks);

    /// <summary>Checkpoints the writer ran itself because the WAL had passed its limit (for tests and diagnostics).</summary>
    public long CatchUps => Interlocked.Read(ref _catchUps);

    /// <summary>Times the writer waited for a full checkpoint because the WAL had passed twice its limit.</summary>
    public long HardCatchUps => Interlocked.Read(ref _hardCatchUps);

    /// <summary>
    /// Starts the checkpointer of the database <paramref name="writer"/> writes, on a connection of its own with the
    /// writer's <c>synchronous</c> setting. Sets the writer's <c>journal_size_limit</c> to the limit, which the hard limit
    /// relies on (see the class summary), and keeps its busy timeout to restore after RESTART checkpoints.
    /// </summary>
    /// <param name="writer">The database's single writer connection (the one that will call <see cref="Committed"/>).</param>
    /// <param name="limitBytes">WAL size above which the writer is asked to catch up (see the class summary).</param>
    /// <param name="time">Clock of the minimum interval between checkpoints.</param>
    /// <param name="cancellationToken">Cancels opening the connection.</param>
    public static async Task<WalCheckpointer> StartAsync(SqliteConnection writer, long limitBytes, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        long synchronous, busyTimeoutMs;
        using (var configure = writer.CreateCommand())
        {
            configure.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA journal_size_limit = {limitBytes};");
            configure.ExecuteNonQuery();
            configure.CommandText = "PRAGMA synchronous;";
            synchronous = Convert.ToInt64(configure.ExecuteScalar(), CultureInfo.InvariantCulture);
            configure.CommandText = "PRAGMA busy_timeout;";
            busyTimeoutMs = Convert.ToInt64(configure.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var c = new SqliteConnection(writer.ConnectionString);
        try
        {
            await c.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var cmd = c.CreateCommand();
            cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous = {synchronous};");
            cmd.ExecuteNonQuery();
            cmd.CommandText = "PRAGMA page_size;";
            var pageSize = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
            return new WalCheckpointer(
                c,
                OpenForWriteBack(c.DataSource),
                OpenWal(c.DataSource),
                time,
                Math.Max(1, limitBytes / Math.Max(512, pageSize)),
                limitBytes,
                (int)Math.Clamp(busyTimeoutMs, 0, int.MaxValue));
        }
        catch
        {
            await c.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Called by the writer after each commit, on its own connection: signals the background checkpointer and, when
    /// that one found the WAL over its limit, catches up right here (<see cref="CatchUpIfRequested"/>).
    /// </summary>
    public void Committed(SqliteConnection writer)
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _signal.Release();
        }

        if (_wal is not null && RandomAccess.GetLength(_wal) > _hardLimitBytes)
        {
            RestartLog(writer);
            return;
        }

        CatchUpIfRequested(writer);
    }

    /// <summary>
    /// Past twice the limit: waits for a running background checkpoint, then copies the whole WAL and waits (at most
    /// <see cref="HardLimitWait"/>) until no reader uses it, so the next transaction starts it again. A reader that
    /// stays longer makes this return BUSY; the next commit tries again.
    /// </summary>
    private void RestartLog(SqliteConnection writer)
    {
        lock (_gate)
        {
            raw.sqlite3_busy_timeout(writer.Handle, (int)HardLimitWait.TotalMilliseconds);
            try
            {
                if (raw.sqlite3_wal_checkpoint_v2(writer.Handle, null, raw.SQLITE_CHECKPOINT_RESTART, out _, out _) == raw.SQLITE_OK)
                {
                    Interlocked.Increment(ref _hardCatchUps);
                    _catchUpLog = 0;
                    Volatile.Write(ref _catchUpRequested, 0);
                }
            }
            finally
            {
                raw.sqlite3_busy_timeout(writer.Handle, _busyTimeoutMs);
            }
        }
    }

    /// <summary>
    /// Run by <see cref="Committed"/>, before the writer starts its next transaction. When a
    /// background checkpoint found the WAL over its limit and behind, runs one PASSIVE checkpoint here: no frames are
    /// added meanwhile, so it copies what is left and the WAL starts again from its beginning with the next write.
    /// Returns at once otherwise. Costs the writer the copy of the frames written since the last background
    /// checkpoint and, with <c>synchronous = FULL</c>, an fsync of the database file.
    /// </summary>
    private void CatchUpIfRequested(SqliteConnection writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Volatile.Read(ref _catchUpRequested) == 0)
        {
            return;
        }

        // BUSY while the background checkpoint runs: the request stays and the next commit tries again.
        if (raw.sqlite3_wal_checkpoint_v2(writer.Handle, null, raw.SQLITE_CHECKPOINT_PASSIVE, out var log, out var copied) != raw.SQLITE_OK)
        {
            return;
        }

        if (copied >= log)
        {
            Interlocked.Increment(ref _catchUps);
        }

        // A full copy is not yet a restart: the next transaction starts the WAL again only if no reader holds a snapshot
        // in it at that moment. The request stays until a commit finds the WAL started again (fewer frames than the last
        // catch-up saw) or back within its limit; until then each commit copies its own few frames and tries again.
        var last = _catchUpLog;
        if (log <= _limitFrames || (last > 0 && log < last))
        {
            _catchUpLog = 0;
            Volatile.Write(ref _catchUpRequested, 0);
        }
        else
        {
            _catchUpLog = log;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _pending, 0);
                CheckpointOnce();
                await Task.Delay(MinimumInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Read-only handles on the database file and its WAL to start their write-back with (none off Linux).</summary>
    private static SafeFileHandle[] OpenForWriteBack(string path)
    {
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(path))
        {
            return [];
        }

        var files = new List<SafeFileHandle>(2);
        foreach (var file in new[] { path, path + "-wal" })
        {
            try
            {
                if (File.Exists(file))
                {
                    files.Add(File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
                }
            }
            catch (IOException)
            {
                // Without a handle that file is left to the kernel's own write-back, as before.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return [.. files];
    }

    private void StartWriteBack()
    {
        if (_files.Length == 0 || _writeBackFailed)
        {
            return;
        }

        foreach (var file in _files)
        {
            // Offset 0 and length 0: the whole file. Only starts write-out of pages not already under write-back.
            if (SyncFileRange((int)file.DangerousGetHandle(), 0, 0, SyncFileRangeWrite) != 0)
            {
                // Not supported here (a file system or kernel without it): checkpoints work as before.
                _writeBackFailed = true;
                return;
            }
        }

        Interlocked.Increment(ref _writeBacks);
    }

    /// <summary>A handle on the WAL to read its size with (none when it cannot be opened: no hard limit then).</summary>
    private static SafeFileHandle? OpenWal(string path)
    {
        try
        {
            return string.IsNullOrEmpty(path) ? null : File.OpenHandle(path + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void CheckpointOnce()
    {
        // A checkpoint that cannot complete (BUSY: another connection is checkpointing; an I/O error) loses nothing:
        // the frames stay in the WAL and the next commit's signal tries again.
        int rc, log;
        lock (_gate)
        {
            rc = raw.sqlite3_wal_checkpoint_v2(_connection.Handle, null, raw.SQLITE_CHECKPOINT_PASSIVE, out log, out _);
        }

        if (rc == raw.SQLITE_OK)
        {
            Interlocked.Increment(ref _checkpoints);
            // Even a checkpoint that copied every frame leaves the WAL growing: SQLite starts it again only when a write
            // transaction begins while nothing is left to copy, and the writer has usually begun its next one already.
            if (log > _limitFrames)
            {
                Volatile.Write(ref _catchUpRequested, 1);
            }
        }

        StartWriteBack();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        // A last full copy, so a clean shutdown leaves a small WAL behind.
        raw.sqlite3_wal_checkpoint_v2(_connection.Handle, null, raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
        await _connection.DisposeAsync().ConfigureAwait(false);
        foreach (var file in _files)
        {
            file.Dispose();
        }

        _wal?.Dispose();

        _stop.Dispose();
        _signal.Dispose();
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for a call that passes integers.
    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SyncFileRange(int fd, long offset, long nbytes, uint flags);
#pragma warning restore SYSLIB1054
}
