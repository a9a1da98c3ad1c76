using LlmOps.Processors.Model;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Looks up the documents of a trace's stored retrieval spans, the context of its chat spans.</summary>
internal interface ITraceContextSource
{
    Task<IReadOnlyList<RetrievedDocument>> GetRetrievalDocumentsAsync(string traceId, CancellationToken cancellationToken);

    /// <summary>
    /// True when every span of every trace reaches this process (a single collector on its embedded store), so what
    /// this process has seen can answer "does this trace have a retrieval span" without asking the store.
    /// </summary>
    bool SeesEveryTrace { get; }
}
