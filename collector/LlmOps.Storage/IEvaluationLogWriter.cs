namespace LlmOps.Storage;

/// <summary>
/// A store that can append evaluation-log lines on its own write path. The embedded SQLite store does: the log lines
/// (several per scored span) go through the scores file's writer (<c>SqliteScoresFile</c>), never through the span
/// writer, instead of through a management connection that would compete with it for a file's single write lock.
/// </summary>
public interface IEvaluationLogWriter
{
    /// <summary>Appends the lines in one durable transaction. The <c>evaluation_logs</c> table must exist.</summary>
    Task AppendEvaluationLogsAsync(IReadOnlyList<EvaluationLogRow> rows, CancellationToken cancellationToken);
}
