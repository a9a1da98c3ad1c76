namespace LlmOps.Management.Evaluators;

/// <summary>Where scoring processors record each evaluator execution (batched; one transaction per call).</summary>
internal interface IEvaluationLogSink
{
    Task AppendAsync(IReadOnlyList<EvaluationLogEntry> entries, CancellationToken cancellationToken);
}
