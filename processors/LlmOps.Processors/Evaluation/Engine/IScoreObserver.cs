using LlmOps.Processors.Model;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Sees every score the engine produces together with its span (e.g. to keep drift samples with their dimensions).</summary>
internal interface IScoreObserver
{
    void Observe(EvaluationResultRecord result, SpanRecord span);
}
