using LlmOps.Processors.Model;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Looks up the documents of a trace's stored retrieval spans, the context of its chat spans.</summary>
internal interface ITraceContextSource
{
    Task<IReadOnlyList<RetrievedDocument>> GetRetrievalDocumentsAsync(string traceId, CancellationToken cancellationToken);
}
