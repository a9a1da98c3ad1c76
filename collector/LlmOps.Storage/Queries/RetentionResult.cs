namespace LlmOps.Storage.Queries;

internal readonly record struct RetentionResult(long TracesDeleted, long EvaluationsDeleted, long LogsDeleted);
