using System.Data.Common;
using LlmOps.Management.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LlmOps.Management.Audit;

/// <summary>
/// The substring index behind the audit log's <c>q</c> search (derived data: the hash chain and the verify endpoint
/// never read it). SQLite: a contentless FTS5 table with the <c>trigram</c> tokenizer over type, action, actor and
/// details, kept by triggers on <c>mgmt_audit_log</c> (inserts, and direct edits or deletions too) and filled from the
/// existing rows when it is created. PostgreSQL: a <c>pg_trgm</c> GIN index over the same columns, which
/// <c>ILIKE '%q%'</c> uses as is. Created at start-up, idempotently and under the database's write lock; when it cannot
/// be created (no trigram tokenizer, no permission for the extension) the search falls back to a scan and this is
/// logged once.
/// </summary>
internal sealed partial class AuditSearchIndex
{
    /// <summary>Shortest search term the trigram index can answer; shorter terms are scanned with LIKE.</summary>
    public const int MinIndexedLength = 3;

    public const string FtsTable = "mgmt_audit_fts";

    private const string PgIndex = "ix_mgmt_audit_search_trgm";

    private static readonly string[] SqliteDdl =
    [
        $"CREATE VIRTUAL TABLE IF NOT EXISTS {FtsTable} USING fts5(type, action, actor, details, content='', tokenize='trigram')",
        $"""
        CREATE TRIGGER IF NOT EXISTS tr_mgmt_audit_fts_insert AFTER INSERT ON mgmt_audit_log BEGIN
          INSERT INTO {FtsTable} (rowid, type, action, actor, details) VALUES (new.seq, new.type, new.action, new.actor, new.details);
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS tr_mgmt_audit_fts_delete AFTER DELETE ON mgmt_audit_log BEGIN
          INSERT INTO {FtsTable} ({FtsTable}, rowid, type, action, actor, details) VALUES ('delete', old.seq, old.type, old.action, old.actor, old.details);
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS tr_mgmt_audit_fts_update AFTER UPDATE ON mgmt_audit_log BEGIN
          INSERT INTO {FtsTable} ({FtsTable}, rowid, type, action, actor, details) VALUES ('delete', old.seq, old.type, old.action, old.actor, old.details);
          INSERT INTO {FtsTable} (rowid, type, action, actor, details) VALUES (new.seq, new.type, new.action, new.actor, new.details);
        END
        """,
    ];

    private readonly ManagementDatabase _db;
    private readonly ILogger<AuditSearchIndex> _logger;

    public AuditSearchIndex(ManagementDatabase db, ILogger<AuditSearchIndex> logger)
    {
        _db = db;
        _logger = logger;
    }

    /// <summary>True once the SQLite FTS5 trigram table is in place and kept by its triggers.</summary>
    public bool SqliteFts { get; private set; }

    /// <summary>True once the PostgreSQL trigram index exists.</summary>
    public bool PostgresTrigram { get; private set; }

    /// <summary>Whether <paramref name="term"/> (already trimmed) is answered from the SQLite FTS table.</summary>
    public bool UsesFts(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return SqliteFts && term.EnumerateRunes().Count() >= MinIndexedLength;
    }

    /// <summary>An FTS5 query matching <paramref name="term"/> as a substring of any column (a quoted phrase of trigrams).</summary>
    public static string FtsPhrase(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_db.Provider == ManagementDatabaseProvider.Postgres)
        {
            await InitializePostgresAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await InitializeSqliteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InitializeSqliteAsync(CancellationToken cancellationToken)
    {
        try
        {
            var built = await _db.WriteAsync(
                async s =>
                {
                    var exists = await s.ScalarLongAsync(
                        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @n",
                        cancellationToken,
                        ("n", FtsTable)).ConfigureAwait(false) > 0;
                    foreach (var ddl in SqliteDdl)
                    {
                        await s.ExecuteAsync(ddl, cancellationToken).ConfigureAwait(false);
                    }

                    if (exists)
                    {
                        return 0L;
                    }

                    // New table (first start, or it was dropped): index the rows already in the log.
                    return await s.ExecuteAsync(
                        $"INSERT INTO {FtsTable} (rowid, type, action, actor, details) SELECT seq, type, action, actor, details FROM mgmt_audit_log",
                        cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            SqliteFts = true;
            if (built > 0)
            {
                LogBuilt(_logger, built);
            }
        }
        catch (SqliteException ex)
        {
            // e.g. a SQLite build without FTS5 or the trigram tokenizer (3.34+): the search scans instead.
            SqliteFts = false;
            LogUnavailable(_logger, "SQLite FTS5 trigram table", ex.Message);
        }
    }

    private async Task InitializePostgresAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _db.WriteAsync(
                async s =>
                {
                    await _db.LockForMigrationAsync(s, cancellationToken).ConfigureAwait(false);
                    await s.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_trgm", cancellationToken).ConfigureAwait(false);
                    await s.ExecuteAsync(
                        $"CREATE INDEX IF NOT EXISTS {PgIndex} ON mgmt_audit_log USING gin (type gin_trgm_ops, action gin_trgm_ops, actor gin_trgm_ops, details gin_trgm_ops)",
                        cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            PostgresTrigram = true;
        }
        catch (PostgresException ex)
        {
            // Typically 42501 (not allowed to create the extension) or 58P01/0A000 (pg_trgm not installed). The same
            // ILIKE query still answers, by scanning.
            PostgresTrigram = await IndexExistsAsync(cancellationToken).ConfigureAwait(false);
            if (!PostgresTrigram)
            {
                LogUnavailable(_logger, "PostgreSQL pg_trgm index", $"{ex.SqlState}: {ex.MessageText}");
            }
        }
    }

    private async Task<bool> IndexExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _db.ReadAsync(
                s => s.ScalarLongAsync("SELECT COUNT(*) FROM pg_indexes WHERE indexname = @n", cancellationToken, ("n", PgIndex)),
                cancellationToken).ConfigureAwait(false) > 0;
        }
        catch (DbException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit search index built over {Rows} existing audit entries")]
    private static partial void LogBuilt(ILogger logger, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit full-text search has no index ({Index} unavailable: {Reason}); searches scan the audit log instead")]
    private static partial void LogUnavailable(ILogger logger, string index, string reason);
}
