namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>The evaluator registry as the engine reads it: the current definitions (cheap to call per batch).</summary>
internal interface IEvaluatorSource
{
    IReadOnlyList<EvaluatorDefinition> Current { get; }
}
