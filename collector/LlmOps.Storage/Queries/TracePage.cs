namespace LlmOps.Storage.Queries;

internal sealed record TracePage(IReadOnlyList<TraceSummary> Items, TraceCursor? Next);
