namespace LlmOps.Storage.Queries;

/// <summary>A page of traces and the cursor of the next one.</summary>
/// <param name="SearchIncomplete">
/// True when a text search answered from a full-text index that did not yet hold everything committed before the query
/// began (the index is being rebuilt, or fell behind by more than the store waits for it).
/// </param>
internal sealed record TracePage(IReadOnlyList<TraceSummary> Items, TraceCursor? Next, bool SearchIncomplete = false);
