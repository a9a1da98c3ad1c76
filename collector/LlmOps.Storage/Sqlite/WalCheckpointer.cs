using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LlmOps.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file on its own connection and thread. With SQLite's default auto-checkpoint
/// the writer connection does that copy (and its fsync) inside the commit that crosses 1,000 WAL pages, so every few
/// dozen batches one acknowledgement waits for a checkpoint. Here the writer only signals after each commit; the
/// checkpointer runs a PASSIVE checkpoint (it never blocks the writer or readers) at most once per
/// <see cref="MinimumInterval"/>, and the WAL is reused from its start once a checkpoint has copied all of it.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>Shortest time between two checkpoints: commits in between are copied together.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _pending;
    private long _checkpoints;

    private WalCheckpointer(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        _loop = Task.Factory.StartNew(
            () => RunAsync(_stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>Checkpoints run so far (for tests and diagnostics).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    public static async Task<WalCheckpointer> StartAsync(string connectionString, bool fullSync, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var c = new SqliteConnection(connectionString);
        try
        {
            await c.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var cmd = c.CreateCommand();
            cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous = {(fullSync ? "FULL" : "NORMAL")};");
            cmd.ExecuteNonQuery();
            return new WalCheckpointer(c, time);
        }
        catch
        {
            await c.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Called by the writer after each commit; returns at once.</summary>
    public void Committed()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _signal.Release();
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

    private void CheckpointOnce()
    {
        // A checkpoint that cannot complete (BUSY: another connection is checkpointing; an I/O error) loses nothing:
        // the frames stay in the WAL and the next commit's signal tries again.
        if (raw.sqlite3_wal_checkpoint_v2(_connection.Handle, null, raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _) == raw.SQLITE_OK)
        {
            Interlocked.Increment(ref _checkpoints);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        // A last full copy, so a clean shutdown leaves a small WAL behind.
        raw.sqlite3_wal_checkpoint_v2(_connection.Handle, null, raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _signal.Dispose();
    }
}
