namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Where evaluation log lines go (the management store, or memory in tests).</summary>
internal interface IEvaluationLogSink
{
    Task AppendAsync(IReadOnlyList<EvaluationLogEntry> entries, CancellationToken cancellationToken);
}
