using LlmOps.Processors.Model;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Looks up the stored spans of a trace, to find the retrieval span that belongs to a chat span.</summary>
internal interface ITraceContextSource
{
    Task<IReadOnlyList<SpanRecord>> GetSpansAsync(string traceId, CancellationToken cancellationToken);
}
