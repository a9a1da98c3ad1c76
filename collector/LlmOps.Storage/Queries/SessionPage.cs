namespace LlmOps.Storage.Queries;

internal sealed record SessionPage(IReadOnlyList<SessionSummary> Items, SessionCursor? Next);
