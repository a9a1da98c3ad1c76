using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LlmOps.Storage.Sqlite;

/// <summary>
/// The full-text index over trace input/output text, in a file of its own beside the main one (<c>llmops.db</c> →
/// <c>llmops.search.db</c>) with its own writer: a background loop that follows the main file's change queue
/// (<c>search_queue</c>, appended by triggers on <c>traces</c>, see <see cref="SqliteSchema.SearchQueueVersion"/>) and
/// applies it to a contentless FTS5 table in batches.
/// FTS5 merges its segments inside the transaction that fills a level, and a merge step copies at least one term's
/// whole doclist; terms found in every trace have doclists as long as the index. Inside the span writer's commits those
/// merges held client exports for seconds at a few million traces. Here they hold only this loop, and its larger
/// batches make fewer, larger segments to merge in the first place.
/// Its transactions are DEFERRED: the main file is attached to its connection (as <c>src</c>), and an IMMEDIATE
/// transaction takes the write lock of every attached file, which held the span writer for each pass and kept the main
/// file's WAL from starting again.
/// Search is read-your-writes: a text search first waits (briefly) until the index has applied every change the main
/// file had committed when the search began (<see cref="WaitForAsync"/>).
/// The file is derived data: deleted, or found to belong to another main file, it is rebuilt from <c>traces</c>.
/// </summary>
internal sealed class SqliteSearchIndex : IAsyncDisposable
{
    public const string Alias = "search";

    /// <summary>Queue entries (or traces, while rebuilding) applied in one transaction of the search file.</summary>
    public const int Chunk = 2000;

    /// <summary>Queue operations written by the main file's triggers.</summary>
    public const int OpInsert = 0;

    private const string SourceAlias = "src";

    /// <summary>How long the loop lets changes gather after a commit when no search is waiting.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the loop looks at the queue without being told (another process may write the main file).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _writer;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly SemaphoreSlim _urgent = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _waitersLock = new();
    private readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];
    private readonly TaskCompletionSource _rebuilt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _appliedSeq;
    private long _queuedSeq;
    private long _backfillNext;
    private long _backfillLast;
    private long _failures;
    private long _applied;
    private string? _lastError;
    private Task _loop = Task.CompletedTask;

    private SqliteSearchIndex(SqliteConnection writer, TimeProvider time)
    {
        _writer = writer;
        _time = time;
    }

    /// <summary>Highest queue sequence number whose change the index holds.</summary>
    public long AppliedSeq => Interlocked.Read(ref _appliedSeq);

    /// <summary>
    /// Changes the main file had committed when the loop last looked and the index does not hold yet, plus the traces a
    /// rebuild still has to copy.
    /// </summary>
    public long Pending => Math.Max(0, Interlocked.Read(ref _queuedSeq) - AppliedSeq)
        + Math.Max(0, Interlocked.Read(ref _backfillLast) - Interlocked.Read(ref _backfillNext));

    /// <summary>True while the index is being rebuilt from <c>traces</c> (search may miss traces until it ends).</summary>
    public bool Rebuilding => Interlocked.Read(ref _backfillNext) < Interlocked.Read(ref _backfillLast);

    /// <summary>Completes when no rebuild is pending (at once, unless the file was new or belonged to another queue).</summary>
    public Task Rebuilt => _rebuilt.Task;

    /// <summary>Queue entries and rebuilt traces applied since the store opened.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Failed passes of the loop (each retried after a second, from where it stood); the last one's message.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>The figures above as one value, for metrics.</summary>
    public SearchIndexStatus Status => new(Pending, Rebuilding, Failures, LastError);

    /// <summary>The search file of the main database file <paramref name="mainPath"/>.</summary>
    public static string PathFor(string mainPath) => SqliteSideFile.PathFor(mainPath, ".search");

    /// <summary>
    /// Opens (or creates) the search file of <paramref name="mainPath"/> and starts the loop. <paramref name="source"/>
    /// identifies the main file's queue (its creation); an index built from another queue is dropped and rebuilt.
    /// </summary>
    public static async Task<SqliteSearchIndex> OpenAsync(string mainPath, string source, StorageOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var writer = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = PathFor(mainPath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        }.ToString());
        await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Exec(writer, string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 67108864;"));
            using (var attach = writer.CreateCommand())
            {
                attach.CommandText = $"ATTACH DATABASE $path AS {SourceAlias}";
                attach.Parameters.AddWithValue("$path", Path.GetFullPath(mainPath));
                attach.ExecuteNonQuery();
            }

            var index = new SqliteSearchIndex(writer, time);
            index.Prepare(source);
            index._loop = Task.Run(index.RunAsync, CancellationToken.None);
            return index;
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Attaches the search file of <paramref name="mainPath"/> to <paramref name="connection"/> as <see cref="Alias"/>
    /// unless it already is (pooled connections keep their attachments) or the file does not exist yet.
    /// </summary>
    public static void Attach(SqliteConnection connection, string mainPath) => SqliteSideFile.Attach(connection, PathFor(mainPath), Alias);

    /// <summary>The main file committed changes to traces: the loop looks at the queue (after gathering a little more).</summary>
    public void Notify() => Release(_changed);

    /// <summary>
    /// Waits until the index holds the change with sequence number <paramref name="seq"/> (and every earlier one), at
    /// most <paramref name="timeout"/>; false when it did not get there, and at once while the index is being rebuilt
    /// (it may then miss older traces whatever the queue says; a rebuild starts only when the index opens).
    /// </summary>
    public async Task<bool> WaitForAsync(long seq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Rebuilding)
        {
            return false;
        }

        if (AppliedSeq >= seq)
        {
            return true;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            _waiters.Add((seq, done));
        }

        // Checked again after registering: the loop may have applied it in between.
        if (AppliedSeq >= seq)
        {
            return true;
        }

        Release(_changed);
        Release(_urgent);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await done.Task.WaitAsync(timer.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AppliedSeq >= seq;
        }
        finally
        {
            lock (_waitersLock)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _changed.Dispose();
        _urgent.Dispose();
    }

    /// <summary>Creates the table and the state row; starts a rebuild when the file is new or belongs to another queue.</summary>
    private void Prepare(string source)
    {
        using var tx = _writer.BeginTransaction(deferred: true);
        Exec(_writer, """
            CREATE TABLE IF NOT EXISTS search_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                source TEXT NOT NULL,
                applied_seq INTEGER NOT NULL,
                rebuild_next INTEGER NOT NULL,
                rebuild_last INTEGER NOT NULL
            );
            """, tx);
        string? stored = null;
        using (var read = _writer.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT source, applied_seq, rebuild_next, rebuild_last FROM search_state WHERE id = 1";
            using var r = read.ExecuteReader();
            if (r.Read())
            {
                stored = r.GetString(0);
                _appliedSeq = r.GetInt64(1);
                _backfillNext = r.GetInt64(2);
                _backfillLast = r.GetInt64(3);
            }
        }

        if (stored != source)
        {
            // New, or built from another main file: start over. One statement reads both bounds from one snapshot:
            // traces up to rebuild_last are copied from the table, changes after applied_seq come from the queue.
            Exec(_writer, "DROP TABLE IF EXISTS traces_fts", tx);
            Exec(_writer, "CREATE VIRTUAL TABLE traces_fts USING fts5(input_text, output_text, content='', contentless_delete=1, tokenize='unicode61', detail='none')", tx);
            using var bounds = _writer.CreateCommand();
            bounds.Transaction = tx;
            bounds.CommandText = $"SELECT (SELECT ifnull(max(seq), 0) FROM {SourceAlias}.search_queue), (SELECT ifnull(max(id), 0) FROM {SourceAlias}.traces)";
            using (var r = bounds.ExecuteReader())
            {
                r.Read();
                _appliedSeq = r.GetInt64(0);
                _backfillLast = r.GetInt64(1);
            }

            _backfillNext = 0;
            using var write = _writer.CreateCommand();
            write.Transaction = tx;
            write.CommandText = "INSERT OR REPLACE INTO search_state (id, source, applied_seq, rebuild_next, rebuild_last) VALUES (1, $s, $a, 0, $l)";
            write.Parameters.AddWithValue("$s", source);
            write.Parameters.AddWithValue("$a", _appliedSeq);
            write.Parameters.AddWithValue("$l", _backfillLast);
            write.ExecuteNonQuery();
        }

        tx.Commit();
        if (!Rebuilding)
        {
            _rebuilt.TrySetResult();
        }
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var applied = Rebuilding ? RebuildChunk() : ApplyQueueChunk();
                Interlocked.Add(ref _applied, applied);
                if (applied > 0)
                {
                    continue;
                }

                WakeWaiters();
                await _changed.WaitAsync(Poll, token).ConfigureAwait(false);
                if (!HasWaiters())
                {
                    // Let a few commits gather: fewer, larger segments, less merging.
                    await _urgent.WaitAsync(Gather, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Counted and retried: a failed pass leaves applied_seq where it was, so nothing is skipped.
                Interlocked.Increment(ref _failures);
                Volatile.Write(ref _lastError, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies the next traces up to <c>rebuild_last</c> into the index; returns how many it read.</summary>
    private int RebuildChunk()
    {
        var rows = new List<(long Id, string? Input, string? Output)>(Chunk);
        using (var read = _writer.CreateCommand())
        {
            read.CommandText = $"SELECT id, input_text, output_text FROM {SourceAlias}.traces WHERE id > $next AND id <= $last ORDER BY id LIMIT {Chunk}";
            read.Parameters.AddWithValue("$next", _backfillNext);
            read.Parameters.AddWithValue("$last", _backfillLast);
            using var r = read.ExecuteReader();
            while (r.Read())
            {
                rows.Add((r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
            }
        }

        var next = rows.Count == Chunk ? rows[^1].Id : _backfillLast;
        using (var tx = _writer.BeginTransaction(deferred: true))
        {
            using var insert = InsertCommand(tx);
            foreach (var (id, input, output) in rows)
            {
                Insert(insert, id, input, output);
            }

            SetState(tx, "rebuild_next", next);
            tx.Commit();
        }

        Interlocked.Exchange(ref _backfillNext, next);
        if (!Rebuilding)
        {
            _rebuilt.TrySetResult();
        }

        return Math.Max(rows.Count, 1);
    }

    /// <summary>Applies the next queue entries after <see cref="AppliedSeq"/>; returns how many.</summary>
    private int ApplyQueueChunk()
    {
        // One statement, one snapshot of the main file: the entries and the traces' text as of the same commit.
        // Applied in row order, not queue order: FTS5 writes its pending terms out as a new segment whenever a row id
        // is not above the last one written in the transaction, and the queue follows the span writer's UPSERTs (in
        // trace id order, so random row order). In queue order nearly every other trace made a segment of its own,
        // and merging them cost four times the inserts themselves.
        var changes = new SortedDictionary<long, (bool WasIndexed, bool Exists, string? Input, string? Output)>();
        long last = AppliedSeq;
        var count = 0;
        using (var read = _writer.CreateCommand())
        {
            read.CommandText = $"""
                SELECT q.seq, q.trace_row, q.op, t.id IS NOT NULL, t.input_text, t.output_text,
                       (SELECT max(seq) FROM {SourceAlias}.search_queue)
                FROM {SourceAlias}.search_queue q LEFT JOIN {SourceAlias}.traces t ON t.id = q.trace_row
                WHERE q.seq > $after ORDER BY q.seq LIMIT {Chunk}
                """;
            read.Parameters.AddWithValue("$after", last);
            using var r = read.ExecuteReader();
            while (r.Read())
            {
                if (count++ == 0)
                {
                    Interlocked.Exchange(ref _queuedSeq, r.GetInt64(6));
                }

                last = r.GetInt64(0);
                var row = r.GetInt64(1);
                if (changes.ContainsKey(row))
                {
                    continue;
                }

                // The first change of a row in this chunk tells whether the index may hold an older version of it:
                // not when that change is the row's insert.
                changes[row] = (r.GetInt64(2) != OpInsert, r.GetInt64(3) != 0, r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5));
            }
        }

        if (count == 0)
        {
            Interlocked.Exchange(ref _queuedSeq, last);
            return 0;
        }

        using (var tx = _writer.BeginTransaction(deferred: true))
        {
            using var insert = InsertCommand(tx);
            using var delete = _writer.CreateCommand();
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM traces_fts WHERE rowid = $id";
            var deleteId = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (var (row, c) in changes)
            {
                if (c.WasIndexed)
                {
                    deleteId.Value = row;
                    delete.ExecuteNonQuery();
                }

                if (c.Exists)
                {
                    Insert(insert, row, c.Input, c.Output);
                }
            }

            SetState(tx, "applied_seq", last);
            tx.Commit();
        }

        Interlocked.Exchange(ref _appliedSeq, last);
        WakeWaiters();
        return count;
    }

    private void SetState(SqliteTransaction tx, string column, long value)
    {
        using var state = _writer.CreateCommand();
        state.Transaction = tx;
        state.CommandText = $"UPDATE search_state SET {column} = $v WHERE id = 1";
        state.Parameters.AddWithValue("$v", value);
        state.ExecuteNonQuery();
    }

    private SqliteCommand InsertCommand(SqliteTransaction tx)
    {
        var insert = _writer.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO traces_fts (rowid, input_text, output_text) VALUES ($id, $in, $out)";
        insert.Parameters.Add("$id", SqliteType.Integer);
        insert.Parameters.Add("$in", SqliteType.Text);
        insert.Parameters.Add("$out", SqliteType.Text);
        return insert;
    }

    private static void Insert(SqliteCommand insert, long id, string? input, string? output)
    {
        if (input is null && output is null)
        {
            return;
        }

        insert.Parameters[0].Value = id;
        insert.Parameters[1].Value = (object?)input ?? DBNull.Value;
        insert.Parameters[2].Value = (object?)output ?? DBNull.Value;
        insert.ExecuteNonQuery();
    }

    private bool HasWaiters()
    {
        lock (_waitersLock)
        {
            return _waiters.Count > 0;
        }
    }

    private void WakeWaiters()
    {
        var applied = AppliedSeq;
        lock (_waitersLock)
        {
            foreach (var (seq, done) in _waiters)
            {
                if (seq <= applied)
                {
                    done.TrySetResult();
                }
            }
        }
    }

    private static void Release(SemaphoreSlim signal)
    {
        if (signal.CurrentCount > 0)
        {
            // Already signalled (the common case after each commit): no exception to throw and catch.
            return;
        }

        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static int Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }
}
