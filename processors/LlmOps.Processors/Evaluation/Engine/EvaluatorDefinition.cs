namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>One evaluator instance of the registry: what it scores, how, and how often.</summary>
internal sealed class EvaluatorDefinition
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    /// <summary><c>builtin</c> (a deterministic scorer) or <c>llm_judge</c> (a template run by the judge endpoint).</summary>
    public string Kind { get; set; } = "builtin";

    /// <summary>For built-ins, the scorer name (groundedness, context_relevance, ...).</summary>
    public string Scorer { get; set; } = string.Empty;

    /// <summary>The <c>gen_ai.evaluation.name</c> the score is emitted under.</summary>
    public string ScoreName { get; set; } = string.Empty;

    /// <summary>Judge prompt with <c>{{input}}</c>, <c>{{output}}</c>, <c>{{context}}</c>, <c>{{expected}}</c>.</summary>
    public string Template { get; set; } = string.Empty;

    public string Guidelines { get; set; } = string.Empty;

    public EvaluatorTarget Target { get; set; } = new();

    /// <summary>Share of matching spans scored, 0..1, decided deterministically per trace.</summary>
    public double SamplingRate { get; set; } = 1.0;

    /// <summary>Scores below this count as failing (and may flag the span); null means no pass/fail.</summary>
    public double? PassThreshold { get; set; }

    /// <summary>False for risk scores (toxicity, PII risk) where a higher score is worse.</summary>
    public bool HigherIsBetter { get; set; } = true;

    /// <summary>When a score is below <see cref="PassThreshold"/>, flag the span for this annotation queue.</summary>
    public string? FlagQueue { get; set; }
}
