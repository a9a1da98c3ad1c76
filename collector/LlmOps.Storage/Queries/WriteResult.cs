namespace LlmOps.Storage.Queries;

/// <summary>What one <c>WriteAsync</c> stored; duplicates are records that were already stored and were skipped.</summary>
internal readonly record struct WriteResult(int SpansInserted, int SpanDuplicates, int EvaluationsInserted, int LogsInserted);
