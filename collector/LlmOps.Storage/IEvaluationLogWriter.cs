namespace LlmOps.Storage;

/// <summary>
/// A store that can append evaluation-log lines on its own write path. The embedded SQLite store does: the log lines
/// (several per scored span) then share the ingest writer's connection and lock instead of taking SQLite's single
/// write lock from a second connection, which would stall ingest and throw away the writer's page cache each time.
/// </summary>
public interface IEvaluationLogWriter
{
    /// <summary>Appends the lines in one durable transaction. The <c>evaluation_logs</c> table must exist.</summary>
    Task AppendEvaluationLogsAsync(IReadOnlyList<EvaluationLogRow> rows, CancellationToken cancellationToken);
}
