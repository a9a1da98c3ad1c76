using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace LlmOps.Management.Data;

/// <summary>
/// Embedded SQLite (WAL). Write transactions start with <c>BEGIN IMMEDIATE</c>, so writers are serialized by the
/// database lock; busy waits are bounded by <c>busy_timeout</c>.
/// </summary>
internal sealed class SqliteManagementDatabase : ManagementDatabase
{
    private readonly string _connectionString;
    private readonly KeyValuePair<string, string>[] _attachments;

    private readonly bool _logsBySpanRow;

    private readonly string _pragmas;

    /// <param name="path">The database file.</param>
    /// <param name="attachments">Further files attached to every connection, by alias.</param>
    /// <param name="logsBySpanRow">
    /// <c>evaluation_logs</c> is the telemetry store's (in its scores file): lines for stored spans are indexed by the
    /// span's row id, only the others by trace id.
    /// </param>
    /// <param name="checkpointedByStore">
    /// The telemetry store checkpoints the file's WAL itself: connections here never run a checkpoint when they commit.
    /// </param>
    public SqliteManagementDatabase(string path, IReadOnlyDictionary<string, string>? attachments = null, bool logsBySpanRow = false, bool checkpointedByStore = false)
    {
        _pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;" + (checkpointedByStore ? " PRAGMA wal_autocheckpoint = 0;" : string.Empty);
        _logsBySpanRow = logsBySpanRow;
        _attachments = attachments is null ? [] : [.. attachments.Select(a => KeyValuePair.Create(a.Key, System.IO.Path.GetFullPath(a.Value)))];
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        Path = full;
    }

    public string Path { get; }

    public override ManagementDatabaseProvider Provider => ManagementDatabaseProvider.Sqlite;

    public override string ForUpdate => string.Empty;

    public override string ILike => "LIKE";

    public override string ForUpdateSkipLocked => string.Empty;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = _pragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (alias, file) in _attachments)
            {
                await AttachAsync(connection, alias, file, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Attaches <paramref name="file"/> as <paramref name="alias"/> unless this (pooled) connection has it or the file does not exist yet.</summary>
    private static async Task AttachAsync(SqliteConnection connection, string alias, string file, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM pragma_database_list WHERE name = $alias";
        cmd.Parameters.AddWithValue("$alias", alias);
        if (await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long n && n > 0 || !File.Exists(file))
        {
            return;
        }

        cmd.CommandText = "ATTACH DATABASE $file AS " + alias;
        cmd.Parameters.AddWithValue("$file", file);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // The spans of a trace as SqliteSchema.SpansOfTrace selects them (spans are keyed by their trace's row id).
    public override string EvaluationLogTraceFilter(string parameter) => _logsBySpanRow
        ? $"trace_id = {parameter} AND id IN (SELECT l.id FROM evaluation_logs l WHERE l.span_row IN (SELECT s.id FROM spans s WHERE s.trace_row = (SELECT tr.id FROM traces tr WHERE tr.trace_id = {parameter})) "
            + $"UNION ALL SELECT l.id FROM evaluation_logs l WHERE l.span_row IS NULL AND l.trace_id = {parameter})"
        : base.EvaluationLogTraceFilter(parameter);

    public override string TranslateDdl(string ddl)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        return ddl.Replace("{pk}", "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal)
            .Replace("{real}", "REAL", StringComparison.Ordinal);
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    /// <summary>
    /// A write to an attached file that another connection committed to since this transaction first read it
    /// (<c>SQLITE_BUSY_SNAPSHOT</c>, see <see cref="BeginWriteAsync"/>): the whole transaction is run again.
    /// </summary>
    public override bool IsTransient(DbException exception) => exception is SqliteException { SqliteErrorCode: 5, SqliteExtendedErrorCode: 517 };

    public override async Task LockForMigrationAsync(DbSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var wal = session.Connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode";
        wal.Transaction = session.Transaction;
        await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Switches the file to WAL once (cannot run inside a transaction) and creates the table whose no-op delete takes
    /// the write lock in <see cref="BeginWriteAsync"/>. Runs at start-up, before the first write (the migrations).
    /// </summary>
    public async Task EnableWalAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = "CREATE TABLE IF NOT EXISTS main.mgmt_write_lock (id INTEGER PRIMARY KEY)";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Takes the write lock of the main file up front, and of an attached file (the collector's scores file) only when
    /// the transaction writes to it. <c>BEGIN IMMEDIATE</c> would lock every attached file, main first: holding the
    /// main file while it waited for the scores file, whose writers run at low priority, one evaluator update stalled
    /// every ingest commit behind it for up to two seconds.
    /// </summary>
    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        cancellationToken.ThrowIfCancellationRequested();
        var sqlite = (SqliteConnection)connection;
        if (_attachments.Length == 0)
        {
            // Microsoft.Data.Sqlite: a non-deferred transaction is BEGIN IMMEDIATE (takes the write lock up front).
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = sqlite.BeginTransaction(deferred: true);
        try
        {
            await using var take = sqlite.CreateCommand();
            take.Transaction = transaction;
            // A write that changes nothing: it takes main's write lock (waiting up to busy_timeout) and no other. It
            // must be the first statement, so that snapshot and lock are taken together: a read first would pin a
            // snapshot that any span commit makes stale, and the write would then fail (SQLITE_BUSY_SNAPSHOT).
            take.CommandText = "DELETE FROM main.mgmt_write_lock WHERE 0";
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
