namespace LlmOps.Management.Data;

/// <summary>
/// Applies pending <see cref="ManagementMigrations"/> in order, each in its own transaction under a cross-replica lock
/// (PostgreSQL advisory lock; SQLite's write lock), recording them in <c>mgmt_schema_migrations</c>.
/// </summary>
internal sealed class MigrationRunner
{
    private readonly ManagementDatabase _db;
    private readonly TimeProvider _time;

    public MigrationRunner(ManagementDatabase db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        if (_db is SqliteManagementDatabase sqlite)
        {
            await sqlite.EnableWalAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = 0;
        foreach (var migration in ManagementMigrations.All)
        {
            var ran = await _db.WriteAsync(
                async s =>
                {
                    await _db.LockForMigrationAsync(s, cancellationToken).ConfigureAwait(false);
                    await s.ExecuteAsync(
                        "CREATE TABLE IF NOT EXISTS mgmt_schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                        cancellationToken).ConfigureAwait(false);
                    var exists = await s.ScalarLongAsync(
                        "SELECT COUNT(*) FROM mgmt_schema_migrations WHERE version = @v",
                        cancellationToken,
                        ("v", (long)migration.Version)).ConfigureAwait(false);
                    if (exists > 0)
                    {
                        return false;
                    }

                    foreach (var statement in migration.Statements)
                    {
                        await s.ExecuteAsync(_db.TranslateDdl(statement), cancellationToken).ConfigureAwait(false);
                    }

                    await s.ExecuteAsync(
                        "INSERT INTO mgmt_schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)",
                        cancellationToken,
                        ("v", (long)migration.Version),
                        ("n", migration.Name),
                        ("t", _time.GetUtcNow())).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            if (ran)
            {
                applied++;
            }
        }

        return applied;
    }
}
