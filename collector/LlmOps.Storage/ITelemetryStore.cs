using LlmOps.Processors.Model;
using LlmOps.Storage.Queries;

namespace LlmOps.Storage;

/// <summary>
/// Durable storage of spans, evaluation results and logs, with the trace/session rollups and searches the API serves.
/// Implemented by <see cref="Sqlite.SqliteTelemetryStore"/> (default) and <see cref="Postgres.PostgresTelemetryStore"/>;
/// one conformance test suite runs against both.
/// </summary>
internal interface ITelemetryStore : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    string Driver { get; }

    /// <summary>Creates or migrates the schema. Safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the batch in one transaction and returns once it is committed and durable. Idempotent: spans already
    /// stored (same trace id and span id), evaluation results with the same natural key and identical log records are
    /// skipped, so a retried export never doubles anything, rollups included. Metric points are not stored here.
    /// </summary>
    Task<WriteResult> WriteAsync(TelemetryBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// The state of the full-text index when it is maintained apart from the writes (SQLite), or null when searches
    /// read what the write committed (PostgreSQL) or there is no index.
    /// </summary>
    SearchIndexStatus? SearchIndexStatus { get; }

    /// <summary>
    /// How often the writer held ingest for a full checkpoint because the WAL had passed twice <c>wal_limit_mb</c>
    /// (SQLite: checkpoints fell behind, or a reader kept the WAL from starting again); null where there is no such
    /// limit (PostgreSQL).
    /// </summary>
    long? WalWaits { get; }

    /// <summary>
    /// One page of traces. <see cref="TracePage.SearchIncomplete"/> tells when a text search answered from an index
    /// that did not yet hold everything committed before the query began.
    /// </summary>
    Task<TracePage> QueryTracesAsync(TraceQuery query, CancellationToken cancellationToken);

    /// <summary>The trace with all its spans and evaluation results, or null when unknown.</summary>
    Task<TraceDetail?> GetTraceAsync(string traceId, CancellationToken cancellationToken);

    /// <summary>
    /// The documents of the trace's stored retrieval spans (operation <c>retrieval</c>) in start order, empty when there
    /// are none: what evaluators need of a trace, read without loading its spans' attributes.
    /// </summary>
    Task<IReadOnlyList<RetrievedDocument>> GetRetrievalContextAsync(string traceId, CancellationToken cancellationToken);

    Task<SessionPage> QuerySessionsAsync(SessionQuery query, CancellationToken cancellationToken);

    /// <summary>The session and up to <paramref name="maxTraces"/> of its traces in start order, or null when unknown.</summary>
    Task<SessionDetail?> GetSessionAsync(string sessionId, int maxTraces, CancellationToken cancellationToken);

    Task<long> CountSpansAsync(CancellationToken cancellationToken);

    /// <summary>True when the database answers a trivial query (for <c>/readyz</c>); never throws for a down database.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);

    /// <summary>Deletes traces (with their spans), evaluation results and logs older than the configured retention.</summary>
    Task<RetentionResult> ApplyRetentionAsync(CancellationToken cancellationToken);
}
