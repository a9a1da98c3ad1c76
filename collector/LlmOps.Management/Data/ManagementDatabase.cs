using System.Data.Common;

namespace LlmOps.Management.Data;

/// <summary>
/// The database the management tables live in. One SQL implementation per area runs on top of this; the two
/// implementations (<see cref="SqliteManagementDatabase"/>, <see cref="PostgresManagementDatabase"/>) own every
/// dialect difference: connections, write locking, DDL types, row locks and error classification.
/// </summary>
internal abstract class ManagementDatabase : IAsyncDisposable
{
    public abstract ManagementDatabaseProvider Provider { get; }

    /// <summary>Row-lock suffix for a SELECT inside a write transaction (<c> FOR UPDATE</c> on PostgreSQL).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Like <see cref="ForUpdate"/> but skipping rows other transactions hold (work queues).</summary>
    public abstract string ForUpdateSkipLocked { get; }

    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Case-insensitive <c>LIKE</c> (SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE).</summary>
    public abstract string ILike { get; }

    /// <summary>Replaces the DDL tokens <c>{pk}</c> (auto-increment primary key) and <c>{real}</c>.</summary>
    public abstract string TranslateDdl(string ddl);

    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Deadlock or serialization failure: the whole transaction may be retried.</summary>
    public abstract bool IsTransient(DbException exception);

    /// <summary>Serializes migrations and seeding across replicas, inside the given write transaction.</summary>
    public abstract Task LockForMigrationAsync(DbSession session, CancellationToken cancellationToken);

    /// <summary>The <c>evaluation_logs</c> condition for one trace (parameter <paramref name="parameter"/>).</summary>
    public virtual string EvaluationLogTraceFilter(string parameter) => $"trace_id = {parameter}";

    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction; commits on success, rolls back on any exception (so a
    /// rejected request changes nothing). Deadlocks and serialization failures are retried a few times.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await work(new DbSession(this, connection, transaction)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (DbException e) when (attempt < 5 && IsTransient(e))
            {
                await SafeRollbackAsync(transaction).ConfigureAwait(false);
            }
            catch
            {
                await SafeRollbackAsync(transaction).ConfigureAwait(false);
                throw;
            }
        }
    }

    public Task WriteAsync(Func<DbSession, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteAsync<bool>(
            async s =>
            {
                await work(s).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Runs read-only work on one connection (no explicit transaction).</summary>
    public async Task<T> ReadAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await work(new DbSession(this, connection, null)).ConfigureAwait(false);
    }

    public abstract ValueTask DisposeAsync();

    private static async Task SafeRollbackAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The connection already aborted the transaction.
        }
        catch (InvalidOperationException)
        {
            // Already completed.
        }
    }
}
