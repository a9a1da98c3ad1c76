namespace LlmOps.Storage.Queries;

/// <summary>A session and its traces in start order (the conversation); <see cref="Truncated"/> when more exist.</summary>
internal sealed record SessionDetail(SessionSummary Summary, IReadOnlyList<TraceSummary> Traces, bool Truncated);
