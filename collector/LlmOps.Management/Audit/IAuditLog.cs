using LlmOps.Management.Data;

namespace LlmOps.Management.Audit;

/// <summary>
/// The append-only, hash-chained audit log. Appends happen inside the caller's write transaction (so a rolled-back
/// change leaves no entry) and are serialized through the chain head row (<c>SELECT ... FOR UPDATE</c> on PostgreSQL,
/// the database write lock on SQLite): two replicas never fork the chain. Append last in a transaction.
/// </summary>
internal interface IAuditLog
{
    Task<long> AppendAsync(DbSession session, string type, string action, string actor, object? details, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Streams matching entries oldest-first-by-id-descending for CSV export (at most <paramref name="max"/>).</summary>
    IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, int max, CancellationToken cancellationToken);

    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);
}
