namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>A deterministic, offline scorer. Returns null when the input lacks what it needs (e.g. no context).</summary>
internal interface IScorer
{
    string Name { get; }

    ScoreOutcome? Score(EvaluationInput input);
}
