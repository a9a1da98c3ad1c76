using LlmOps.Processors.Model;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Takes scores back into the collector (stored, emitted as <c>gen_ai.evaluation.result</c>, fed to metrics).</summary>
internal interface IEvaluationResultWriter
{
    /// <summary>False when the results could not be taken now (e.g. the ingest queue is full); the caller retries.</summary>
    Task<bool> WriteAsync(IReadOnlyList<EvaluationResultRecord> results, CancellationToken cancellationToken);
}
